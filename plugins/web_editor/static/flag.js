// Must run before the CMS bundle: the editor is started by admin.js after registering our parts.
window.CMS_MANUAL_INIT = true;
