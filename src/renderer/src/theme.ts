/**
 * The Mantine theme. Offline by design: system fonts only (with CJK fallbacks for the Chinese UI),
 * no web fonts, nothing fetched.
 */
import { createTheme } from '@mantine/core';

const systemSans = [
  'system-ui',
  '-apple-system',
  'BlinkMacSystemFont',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"WenQuanYi Micro Hei"',
  'sans-serif',
  '"Apple Color Emoji"',
  '"Segoe UI Emoji"',
].join(', ');

const systemMono = ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', '"Liberation Mono"', 'monospace'].join(', ');

export const theme = createTheme({
  primaryColor: 'indigo',
  fontFamily: systemSans,
  fontFamilyMonospace: systemMono,
  headings: { fontFamily: systemSans },
  defaultRadius: 'sm',
});
