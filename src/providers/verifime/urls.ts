// Every URL kyc-sim hands out for VerifiMe, built from PUBLIC_URL in the real shapes:
// portal `/sign-up/track-id/{uuid}`, QR service `/qr?url=<encoded inviteUrl>`.
export function inviteUrl(publicUrl: string, trackingReference: string): string {
  return `${publicUrl}/sign-up/track-id/${trackingReference}`;
}

export function qrCodeUrl(publicUrl: string, invite: string): string {
  return `${publicUrl}/qr?url=${encodeURIComponent(invite)}`;
}
