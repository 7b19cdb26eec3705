// The page MSAL redirects back to (redirect, popup and silent iframe flows): msal-browser v5 hands the
// response to the main window from here. Served with no caching (apps/bff routes/spa.ts).
import { broadcastResponseToMainFrame } from '@azure/msal-browser/redirect-bridge';

void broadcastResponseToMainFrame();
