import type { ReactElement, ReactNode } from 'react';

interface IconProps {
  readonly size?: number;
}

function Svg({ size = 20, children }: IconProps & { readonly children: ReactNode }): ReactElement {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const PlayIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M8 5.14v13.72a1 1 0 0 0 1.52.85l11.2-6.86a1 1 0 0 0 0-1.7L9.52 4.29A1 1 0 0 0 8 5.14z" />
  </Svg>
);

export const PauseIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <rect x="6" y="4.5" width="4" height="15" rx="1.2" />
    <rect x="14" y="4.5" width="4" height="15" rx="1.2" />
  </Svg>
);

export const NextIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M5 5.8v12.4a.8.8 0 0 0 1.23.67L15.5 12.7a.8.8 0 0 0 0-1.35L6.23 5.13A.8.8 0 0 0 5 5.8z" />
    <rect x="16.5" y="5" width="2.5" height="14" rx="1" />
  </Svg>
);

export const PreviousIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M19 5.8v12.4a.8.8 0 0 1-1.23.67L8.5 12.7a.8.8 0 0 1 0-1.35l9.27-6.22A.8.8 0 0 1 19 5.8z" />
    <rect x="5" y="5" width="2.5" height="14" rx="1" />
  </Svg>
);

export const ShuffleIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M17 3l4 3.5L17 10V7.5h-1.6c-1.3 0-2.4.6-3.1 1.7l-4.4 6.6c-1.1 1.6-2.8 2.6-4.8 2.6H2v-2h1.1c1.3 0 2.4-.6 3.1-1.7l4.4-6.6c1.1-1.6 2.8-2.6 4.8-2.6H17V3z" />
    <path d="M2 5.5h1.1c2 0 3.7 1 4.8 2.6l.5.7-1.2 1.8-1-1.4C5.5 8.1 4.4 7.5 3.1 7.5H2v-2zM17 14v2.5h-1.6c-1.3 0-2.4-.6-3.1-1.7l-1-1.4 1.2-1.8.5.7c.7 1.1 1.8 1.7 3.1 1.7H17V14l4 3.5-4 3.5v-2.5z" />
  </Svg>
);

export const RepeatIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M7 7h10V4.5l4 3.5-4 3.5V9H7a2 2 0 0 0-2 2v1.5H3V11a4 4 0 0 1 4-4zM17 17H7v2.5L3 16l4-3.5V15h10a2 2 0 0 0 2-2v-1.5h2V13a4 4 0 0 1-4 4z" />
  </Svg>
);

export const HeartIcon = ({ filled, ...p }: IconProps & { readonly filled: boolean }): ReactElement => (
  <Svg {...p}>
    {filled ? (
      <path d="M12 20.6l-1.3-1.2C5.9 15.1 3 12.4 3 8.9 3 6.1 5.2 4 7.9 4c1.6 0 3.1.7 4.1 1.9C13 4.7 14.5 4 16.1 4 18.8 4 21 6.1 21 8.9c0 3.5-2.9 6.2-7.7 10.5L12 20.6z" />
    ) : (
      <path d="M16.1 4c-1.6 0-3.1.7-4.1 1.9C11 4.7 9.5 4 7.9 4 5.2 4 3 6.1 3 8.9c0 3.5 2.9 6.2 7.7 10.5l1.3 1.2 1.3-1.2C18.1 15.1 21 12.4 21 8.9 21 6.1 18.8 4 16.1 4zm-3.9 13.9l-.2.2-.2-.2C7.3 13.8 5 11.6 5 8.9 5 7.2 6.2 6 7.9 6c1.3 0 2.5.8 3 2h2.2c.4-1.2 1.7-2 3-2 1.7 0 2.9 1.2 2.9 2.9 0 2.7-2.3 4.9-6.8 9z" />
    )}
  </Svg>
);

export const VolumeIcon = ({ muted, ...p }: IconProps & { readonly muted: boolean }): ReactElement => (
  <Svg {...p}>
    <path d="M4 9h3.5L12 5v14l-4.5-4H4a1 1 0 0 1-1-1v-4a1 1 0 0 1 1-1z" />
    {muted ? (
      <path d="M16.3 9.3l1.4-1.4L19.8 10l2.1-2.1 1.4 1.4-2.1 2.1 2.1 2.1-1.4 1.4-2.1-2.1-2.1 2.1-1.4-1.4 2.1-2.1-2.1-2.1z" />
    ) : (
      <path d="M15 8.2a5 5 0 0 1 0 7.6l-1.3-1.5a3 3 0 0 0 0-4.6L15 8.2zm2.6-2.9a9 9 0 0 1 0 13.4l-1.3-1.5a7 7 0 0 0 0-10.4l1.3-1.5z" />
    )}
  </Svg>
);

export const NoteIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M19 3v12.5a3.5 3.5 0 1 1-2-3.16V7.2L9 8.9v8.6a3.5 3.5 0 1 1-2-3.16V5.5L19 3z" />
  </Svg>
);

export const MicIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M12 3a3 3 0 0 1 3 3v6a3 3 0 0 1-6 0V6a3 3 0 0 1 3-3zm-7 9h2a5 5 0 0 0 10 0h2a7 7 0 0 1-6 6.93V21h-2v-2.07A7 7 0 0 1 5 12z" />
  </Svg>
);

const DEVICE_PATHS = {
  computer: 'M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2h-6v2h3v2H8v-2h3v-2H5a2 2 0 0 1-2-2V5zm2 0v10h14V5H5z',
  phone: 'M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm0 2v14h10V4H7zm5 15a1 1 0 1 0 0 2 1 1 0 0 0 0-2z',
  speaker:
    'M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2zm5 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm0 2a2 2 0 1 1 0 4 2 2 0 0 1 0-4zm0-7a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
  tv: 'M4 5h16a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2h-5v2H9v-2H4a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2zm0 2v9h16V7H4z',
  car: 'M5.5 6.5A2 2 0 0 1 7.4 5h9.2a2 2 0 0 1 1.9 1.5L20 11a2 2 0 0 1 1 1.7V18h-2v2h-2v-2H7v2H5v-2H3v-5.3A2 2 0 0 1 4 11l1.5-4.5zM7.4 7l-1.2 4h11.6l-1.2-4H7.4zM7 13.5a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm10 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z',
  console:
    'M7 7h10a5 5 0 0 1 0 10c-1.5 0-2.4-.8-3-2h-4c-.6 1.2-1.5 2-3 2A5 5 0 0 1 7 7zm0 3v1.5H5.5v1H7V14h1v-1.5h1.5v-1H8V10H7zm8.5 0a1 1 0 1 0 0 2 1 1 0 0 0 0-2zm2 2a1 1 0 1 0 0 2 1 1 0 0 0 0-2z',
  cast: 'M3 5h18a1 1 0 0 1 1 1v12a1 1 0 0 1-1 1h-7v-2h6V7H4v3H2V6a1 1 0 0 1 1-1zm-1 7a9 9 0 0 1 9 9H9a7 7 0 0 0-7-7v-2zm0 4a5 5 0 0 1 5 5H5a3 3 0 0 0-3-3v-2zm0 3a2 2 0 0 1 2 2H2v-2z',
} as const;

export type DeviceKind = keyof typeof DEVICE_PATHS;

/** Spotify's device types (`Computer`, `Smartphone`, `AVR`, `CastAudio`…) grouped into the icons we draw. */
export function deviceKind(type: string): DeviceKind {
  const t = type.toLowerCase();
  if (t === 'smartphone' || t === 'tablet') return 'phone';
  if (t === 'tv' || t === 'stb') return 'tv';
  if (t === 'automobile') return 'car';
  if (t === 'gameconsole') return 'console';
  if (t.startsWith('cast')) return 'cast';
  if (t === 'speaker' || t === 'avr' || t === 'audiodongle') return 'speaker';
  return 'computer';
}

export const DeviceIcon = ({ type, ...p }: IconProps & { readonly type: string }): ReactElement => (
  <Svg {...p}>
    <path d={DEVICE_PATHS[deviceKind(type)]} />
  </Svg>
);

export const RefreshIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M17.65 6.35A7.96 7.96 0 0 0 12 4a8 8 0 1 0 7.74 10h-2.08A6 6 0 1 1 12 6c1.66 0 3.14.69 4.22 1.78L13 11h7V4l-2.35 2.35z" />
  </Svg>
);

export const CloseIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M6.4 5L12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4 6.4 5z" />
  </Svg>
);

export const ExpandIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M4 4h7v2H7.4l4.3 4.3-1.4 1.4L6 7.4V11H4V4zm16 16h-7v-2h3.6l-4.3-4.3 1.4-1.4 4.3 4.3V13h2v7z" />
  </Svg>
);

export const MiniPlayerIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5zm2 0v14h14V5H5zm6 7h7v5h-7v-5z" />
  </Svg>
);

export const CopyIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M8 3h10a2 2 0 0 1 2 2v12h-2V5H8V3zM4 7a2 2 0 0 1 2-2h8a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2V7zm2 0v12h8V7H6z" />
  </Svg>
);

export const PinIcon = ({ filled, ...p }: IconProps & { readonly filled: boolean }): ReactElement => (
  <Svg {...p}>
    {filled ? (
      <path d="M16 3v2h-1v5l3 3v2h-5v6l-1 1-1-1v-6H6v-2l3-3V5H8V3h8z" />
    ) : (
      <path d="M16 3v2h-1v5l3 3v2h-5v6l-1 1-1-1v-6H6v-2l3-3V5H8V3h8zm-3 2h-2v5.83L9.83 12h4.34L13 10.83V5z" />
    )}
  </Svg>
);

export const SizeIcon = (p: IconProps): ReactElement => (
  <Svg {...p}>
    <path d="M3 5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5zm2 0v14h14V5H5zm2 2h6v2H9v4H7V7zm10 10h-6v-2h4v-4h2v6z" />
  </Svg>
);
