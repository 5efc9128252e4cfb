// A QR code drawn from the server's path: inline SVG, no image request, no style attribute.
export function QrCode({ size, path, label }: { size: number; path: string; label: string }) {
  return (
    <svg
      className="qr-code"
      viewBox={`0 0 ${size} ${size}`}
      width={Math.max(size * 5, 180)}
      height={Math.max(size * 5, 180)}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
