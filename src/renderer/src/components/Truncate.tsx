/**
 * One line of text cut with an ellipsis where it does not fit (a long URL or name in a table cell),
 * with the whole text in a tooltip when — and only when — it was cut. Never breaks inside a word.
 * `data-tooltip` carries the whole text, so the layout check knows a cut text has its tooltip.
 */
import { Text, Tooltip, type TextProps } from '@mantine/core';
import { useRef, useState } from 'react';

interface TruncateProps extends TextProps {
  children: string;
  role?: string;
  'data-testid'?: string;
}

export function Truncate({ children, ...props }: TruncateProps) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [opened, setOpened] = useState(false);
  const check = () => {
    const el = ref.current;
    setOpened(el !== null && el.scrollWidth > el.clientWidth);
  };
  return (
    <Tooltip label={children} opened={opened} multiline maw={480} withinPortal style={{ wordBreak: 'break-all' }}>
      <Text
        ref={ref}
        truncate="end"
        onMouseEnter={check}
        onMouseLeave={() => setOpened(false)}
        onFocus={check}
        onBlur={() => setOpened(false)}
        data-tooltip={children}
        {...props}
      >
        {children}
      </Text>
    </Tooltip>
  );
}
