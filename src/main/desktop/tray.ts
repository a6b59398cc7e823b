import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { SendingStatus } from '../../shared/desktop.ts';
import { buildTrayModel, type TrayAction } from './tray-model.ts';

/** The tray icon: status in the tooltip and first menu line; open, pause all / resume, quit. */
export class AppTray {
  private readonly tray: Tray;
  private readonly onAction: (action: TrayAction) => void;

  constructor(iconPath: string, onAction: (action: TrayAction) => void) {
    const icon = nativeImage.createFromPath(iconPath);
    this.tray = new Tray(icon.isEmpty() ? nativeImage.createEmpty() : icon.resize({ width: 16, height: 16 }));
    this.onAction = onAction;
    this.tray.on('click', () => onAction('open'));
  }

  update(status: SendingStatus | null, language: 'en' | 'zh'): void {
    const model = buildTrayModel(status, language);
    const template: MenuItemConstructorOptions[] = model.items.map((item) =>
      item === 'separator'
        ? { type: 'separator' }
        : { label: item.label, enabled: item.enabled, click: item.id === 'status' ? undefined : () => this.onAction(item.id as TrayAction) },
    );
    this.tray.setToolTip(model.tooltip);
    this.tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  destroy(): void {
    this.tray.destroy();
  }
}
