module.exports = () => require('./embeddedPostgres.cjs').teardown();
