// Runs the compiled service with `src/...` imports resolved inside dist/.
const path = require('node:path');
require('tsconfig-paths').register({
  baseUrl: path.join(__dirname, '..', 'dist'),
  paths: { 'src/*': ['src/*'] },
});
require('../dist/src/main.js');
