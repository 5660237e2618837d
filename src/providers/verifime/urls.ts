// Every URL kyc-sim hands out for VerifiMe, built from PUBLIC_URL in the real shapes:
// portal `/sign-up/track-id/{uuid}`, QR service `/qr?url=<encoded inviteUrl>`.
export function inviteUrl(publicUrl: string, trackingReference: string): string {
  return `${publicUrl}/sign-up/track-id/${trackingReference}`;
}

export function qrCodeUrl(publicUrl: string, invite: string): string {
  return `${publicUrl}/qr?url=${encodeURIComponent(invite)}`;
}

export interface InviteLinks {
  readonly inviteUrl: string;
  readonly qrCodeUrl: string;
}

/**
 * inviteUrl and qrCodeUrl for one invite at a time, as the two functions above build them.
 * A tracking reference is a UUID, which URL encoding leaves alone, so only the part made of
 * PUBLIC_URL needs encoding, and only when PUBLIC_URL changes (kyc-sim learns its port
 * after listening): the invite route asks for these on every call.
 */
export function inviteLinkMaker(): (publicUrl: string, trackingReference: string) => InviteLinks {
  let base = '';
  let qrPrefix = '';
  return (publicUrl, trackingReference) => {
    if (publicUrl !== base) {
      base = publicUrl;
      qrPrefix = qrCodeUrl(publicUrl, inviteUrl(publicUrl, ''));
    }
    return { inviteUrl: inviteUrl(publicUrl, trackingReference), qrCodeUrl: qrPrefix + trackingReference };
  };
}
