export function SkeletonRows({ count, variant }: { count: number; variant: 'conversation' | 'message' }) {
  return (
    <div className={`skeleton-list skeleton-${variant}`} aria-hidden="true">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="skeleton-row">
          {variant === 'conversation' && <span className="skeleton skeleton-avatar" />}
          <span className="skeleton-lines">
            <span className="skeleton skeleton-line" style={{ width: `${45 + ((index * 17) % 35)}%` }} />
            <span className="skeleton skeleton-line short" style={{ width: `${60 + ((index * 23) % 30)}%` }} />
          </span>
        </div>
      ))}
    </div>
  );
}
