module.exports = () => require('./embeddedPostgres.cjs').setup();
