import type { Handlers } from '../../shared/api.ts';
import type { appMethods } from '../../shared/contract/app.ts';
import type { CoreContext } from './context.ts';

export type AppHandlers = Pick<Handlers, keyof typeof appMethods>;

export function createAppHandlers(ctx: CoreContext, info: { version: string; mode: 'desktop' | 'headless'; schemaVersion: number }): AppHandlers {
  return {
    appInfo: () => ({ ...info, dataDir: ctx.dataDir }),
    settingsGet: () => ctx.settings.get(),
    settingsUpdate: (patch) => {
      const next = ctx.settings.update(patch);
      ctx.emit('settingsChanged', next);
      return next;
    },
  };
}
