/** The product's mark: a speech bubble with a check, in LINE green (drawn inline: no remote assets). */
export function ProductMark({ size = 28 }: { size?: number }) {
  return (
    <svg className="product-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#06C755" />
      <path d="M8 10.5C8 9.1 9.1 8 10.5 8h11C22.9 8 24 9.1 24 10.5v8c0 1.4-1.1 2.5-2.5 2.5H15l-4.2 3.4c-.5.4-1.3 0-1.3-.6V21h.5-1A2.5 2.5 0 0 1 8 18.5z" fill="#fff" />
      <path d="m12.3 14.6 2.5 2.4 4.9-5" fill="none" stroke="#06C755" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
