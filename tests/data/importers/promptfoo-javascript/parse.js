module.exports = function (output) {
  return JSON.parse(output.replace(/^```json\s*|```\s*$/g, ''));
};
