// Imported first by tests that load the handlers' default exports: their Powertools Metrics would
// print EMF lines to stdout. Powertools reads this variable when the instance is constructed.
process.env.POWERTOOLS_METRICS_DISABLED = "true";
