// rdf-test-suite wants an engine module; protocol tests only talk HTTP to `protocolEndpoint` (-i).
module.exports = {
  parse: () => Promise.reject(new Error('not a parser: protocol tests only')),
  query: () => Promise.reject(new Error('not a query engine: protocol tests only')),
};
