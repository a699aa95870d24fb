/**
 * The link as a QR code, for opening it on a phone. Drawn as an SVG by `qrcode` and shown
 * through an <img> data URL, so no markup from a library is injected into the page.
 */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export interface QrCodeProps {
  value: string;
  /** Says what the code holds, for people who cannot see it. */
  alt: string;
  /** Displayed size in CSS pixels. */
  size?: number;
}

/** An SVG data URL of `value`'s QR code: dark on white whatever the theme, so scanners read it. */
export async function qrCodeDataUrl(value: string): Promise<string> {
  const svg = await QRCode.toString(value, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: 2,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function QrCode({ value, alt, size = 160 }: QrCodeProps) {
  const [source, setSource] = useState<{ value: string; url: string } | null>(null);
  useEffect(() => {
    let current = true;
    qrCodeDataUrl(value).then(
      (url) => current && setSource({ value, url }),
      // A value too long for a QR code: show nothing rather than an error, the link is above.
      () => current && setSource(null),
    );
    return () => {
      current = false;
    };
  }, [value]);
  if (!source || source.value !== value)
    return <div className="cs-qr cs-qr-pending" style={{ width: size, height: size }} />;
  return <img className="cs-qr" src={source.url} alt={alt} width={size} height={size} />;
}
