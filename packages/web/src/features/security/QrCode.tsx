import { renderSVG } from 'uqr';

/** A QR code drawn here, in the browser: the otpauth URI (with the secret) never leaves the page. */
export function QrCode({ value, label, size = 200 }: { value: string; label: string; size?: number }) {
  const svg = renderSVG(value, { border: 2 });
  return <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} width={size} height={size} />;
}
