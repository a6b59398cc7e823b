import type { PortOutFacts } from '../../../shared/box-ports.ts';
import type { PortChange } from './port-rotation.ts';

/**
 * The system notices of self-healing ports, in the UI language (the OS shows them while no window is
 * open, so the renderer cannot word them): which port of which box, and why. A trial and a failed
 * trial only go to the campaigns' history (a dead SIM would otherwise notify every rest period).
 */

const texts = {
  en: {
    outTitle: (box: string, port: number) => `Port ${port} of ${box} taken out of rotation`,
    failing: (f: PortOutFacts) => `Its last ${f.failures} sends failed.`,
    failureRate: (f: PortOutFacts) => `${f.failures} of its last ${f.of} sends failed (${f.percent}%), against ${f.othersPercent}% on the other ports.`,
    resting: (minutes: number) => `Its messages go to the other ports; it is tried again with one message in ${minutes} minutes.`,
    unavailable: 'The box reports the port unavailable. Its messages go to the other ports until the box reports it available again.',
    backTitle: (box: string, port: number) => `Port ${port} of ${box} is back in rotation`,
    trialSent: 'Its trial message was sent.',
    available: 'The box reports it available again.',
    simTitle: (box: string, port: number) => `New SIM in port ${port} of ${box}`,
    sim: (imsi: string, previous: string, triedNow: boolean) => `IMSI ${imsi} (was ${previous}).${triedNow ? ' The port is tried again now.' : ''}`,
  },
  zh: {
    outTitle: (box: string, port: number) => `${box} 端口 ${port} 已暂停使用`,
    failing: (f: PortOutFacts) => `最近 ${f.failures} 条短信连续发送失败。`,
    failureRate: (f: PortOutFacts) => `最近 ${f.of} 条中有 ${f.failures} 条发送失败（${f.percent}%），其他端口为 ${f.othersPercent}%。`,
    resting: (minutes: number) => `待发短信改由其他端口发送；${minutes} 分钟后用一条短信重新试用。`,
    unavailable: '网关报告该端口不可用。在网关报告其恢复可用之前，待发短信改由其他端口发送。',
    backTitle: (box: string, port: number) => `${box} 端口 ${port} 已恢复使用`,
    trialSent: '试发的短信已发出。',
    available: '网关报告该端口已恢复可用。',
    simTitle: (box: string, port: number) => `${box} 端口 ${port} 更换了 SIM 卡`,
    sim: (imsi: string, previous: string, triedNow: boolean) => `IMSI ${imsi}（原为 ${previous}）。${triedNow ? '现在重新试用该端口。' : ''}`,
  },
};

/** The notice for a change people are told about (title and body), or null for the others. */
export function portNotice(language: 'en' | 'zh', box: string, change: PortChange, restMinutes: number): { title: string; body: string } | null {
  const t = texts[language];
  switch (change.kind) {
    case 'out': {
      if (change.reason === 'unavailable') return { title: t.outTitle(box, change.port), body: t.unavailable };
      const why = change.reason === 'failure-rate' ? t.failureRate(change.facts) : t.failing(change.facts);
      return { title: t.outTitle(box, change.port), body: `${why}${language === 'en' ? ' ' : ''}${t.resting(restMinutes)}` };
    }
    case 'back':
      return { title: t.backTitle(box, change.port), body: change.reason === 'available' ? t.available : t.trialSent };
    case 'sim-changed':
      return { title: t.simTitle(box, change.port), body: t.sim(change.imsi, change.previousImsi, change.triedNow) };
    default:
      return null;
  }
}
