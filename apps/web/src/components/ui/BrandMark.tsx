import { Group, Text } from '@mantine/core';

/** The product mark; the name is real text so it reads and scales like text. */
export function BrandMark({ subtitle }: { subtitle?: string }) {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width="28" height="28" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="6" fill="#1c4e80" />
        <path d="M8 8h16M16 8v16M10 16h12M12 24h8" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      </svg>
      <div>
        <Text fw={700} size="lg" lh={1.1}>
          Trellis
        </Text>
        {subtitle && (
          <Text size="xs" c="dimmed" lh={1.1}>
            {subtitle}
          </Text>
        )}
      </div>
    </Group>
  );
}
