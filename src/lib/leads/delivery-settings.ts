/**
 * Where the delivery settings (DeliverySettings in delivery.ts) are, for the server and the CLI:
 * the build emits them from the content at DELIVERY_SETTINGS_PATH (src/pages/delivery-settings.json.ts)
 * and moves that file to dist/server/DELIVERY_SETTINGS_FILE (src/integrations/carepath-server.ts),
 * so that staff addresses are never deployed with the site or served.
 */
export const DELIVERY_SETTINGS_FILE = 'delivery-settings.json';

/** The site path the build emits the settings at, before they are moved out of the site. */
export const DELIVERY_SETTINGS_PATH = `/${DELIVERY_SETTINGS_FILE}`;
