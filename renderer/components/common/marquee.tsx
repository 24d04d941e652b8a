import { useRef, useState, type CSSProperties, type ReactElement } from 'react';

interface MarqueeProps {
  readonly text: string;
  readonly className?: string;
  readonly testId?: string;
  /** Element Timing name, so the first-paint benchmark can see when this line painted. */
  readonly timing?: string;
}

const SPEED_PX_PER_S = 30;

/** One line with an ellipsis; on hover, text that does not fit scrolls back and forth. */
export function Marquee({ text, className, testId, timing }: MarqueeProps): ReactElement {
  const box = useRef<HTMLParagraphElement>(null);
  const [distance, setDistance] = useState(0);

  const start = (): void => {
    const element = box.current;
    if (element === null) return;
    const overflow = element.scrollWidth - element.clientWidth;
    setDistance(overflow > 2 ? overflow : 0);
  };

  const scrolling = distance > 0;
  const style = scrolling
    ? ({
        '--marquee-distance': `${distance}px`,
        '--marquee-duration': `${Math.max(3, (distance / SPEED_PX_PER_S) * 1.7).toFixed(1)}s`,
      } as CSSProperties)
    : undefined;

  return (
    <p
      ref={box}
      className={['marquee', scrolling ? 'is-scrolling' : '', className].filter(Boolean).join(' ')}
      title={text}
      data-testid={testId}
      elementtiming={timing}
      style={style}
      onMouseEnter={start}
      onMouseLeave={() => setDistance(0)}
    >
      <span className="marquee__text">{text}</span>
    </p>
  );
}
