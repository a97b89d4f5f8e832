import { CONSOLE_KEY } from '@/lib/api/console-queries';

export const moderationKeys = {
  all: [CONSOLE_KEY, 'comments'] as const,
};
