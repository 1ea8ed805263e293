// Installs the Debian packages the tests need (Chromium, a Secret Service, build headers) when missing.
import { ensureSystemPackages, log } from './setup.mjs';

try {
  ensureSystemPackages();
} catch (error) {
  log(error.message);
  process.exit(1);
}
