/** The app's identity on every system: installer app id, Windows AppUserModelID, macOS bundle id. */
export const APP_ID = 'tw.shopinbox.desktop';
export const PRODUCT_NAME = 'Shop Inbox';
