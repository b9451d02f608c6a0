// Electron's install script exits 1 when its binary download fails, which aborts the whole
// `npm install` on machines without internet. This wrapper delegates to the real
// @electron/get and, only on failure, explains and ends the install script successfully:
// the `electron` package stays installed (electron-vite reads its package.json) and
// `npm start` falls back to server mode.
const upstream = require('electron-get-upstream');

async function downloadArtifact(options) {
  try {
    return await upstream.downloadArtifact(options);
  } catch (error) {
    console.warn(
      '[partnerdesk] The Electron binary could not be downloaded (' + (error && error.message ? error.message.split('\n')[0] : error) + ').\n' +
      '[partnerdesk] Continuing without it: `npm start` will run PartnerDesk in server mode.'
    );
    process.exit(0);
  }
}

module.exports = { ...upstream, downloadArtifact };
