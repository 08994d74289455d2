import { useState } from 'react';
import { avatarColour, initialsOf } from '../lib/avatar';

export function Avatar({ name, pictureUrl, size = 40 }: { name: string; pictureUrl: string | null; size?: number }) {
  const [broken, setBroken] = useState(false);
  const style = { width: size, height: size, fontSize: Math.round(size * 0.42) };
  if (pictureUrl && !broken) {
    return (
      <img
        className="avatar"
        src={pictureUrl}
        alt=""
        style={style}
        referrerPolicy="no-referrer"
        onError={() => setBroken(true)}
      />
    );
  }
  return (
    <span className="avatar avatar-initials" style={{ ...style, background: avatarColour(name) }} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}
