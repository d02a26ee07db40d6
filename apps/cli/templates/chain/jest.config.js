module.exports = require('{{root}}/jest.preset.js')(__dirname);
