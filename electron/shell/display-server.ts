/**
 * Whether the app runs as a native Wayland client. Since Electron 38 `--ozone-platform` defaults to `auto`,
 * which picks Wayland when WAYLAND_DISPLAY is set; `--ozone-platform=x11` (XWayland) opts out. Under native
 * Wayland global shortcuts are unreliable and always-on-top does not exist.
 */
export function isNativeWayland(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>, ozonePlatform: string): boolean {
  if (platform !== 'linux') return false;
  const chosen = ozonePlatform.trim().toLowerCase();
  if (chosen === 'x11') return false;
  if (chosen === 'wayland') return true;
  return Boolean(env.WAYLAND_DISPLAY);
}
