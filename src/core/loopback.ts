// Webhook URLs that point at the loopback interface. Inside a container that is the
// container itself, not the machine running the app under test: a classic trap.

/** True when the URL's host is localhost, a *.localhost name, 127.0.0.0/8, ::1 or 0.0.0.0. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1' || host === '0.0.0.0' || host === '::') return true;
  if (/^::ffff:127\./.test(host) || /^::ffff:7f[0-9a-f]{2}:/.test(host)) return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/** The warning logged (and answered) when a loopback URL is registered inside a container. */
export function loopbackWarning(url: string): string {
  return (
    `webhook URL ${url} points at the container's own loopback interface, so deliveries will not reach ` +
    'your app: use the compose service name (http://app:3000/…), host.docker.internal (Docker Desktop, ' +
    'or --add-host=host.docker.internal:host-gateway on Linux) or host.containers.internal (podman)'
  );
}
