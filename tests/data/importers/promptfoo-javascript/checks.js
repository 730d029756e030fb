// A promptfoo assertion module: the default export grades the answer, isYellow is named by the config.
const greenish = ['green', 'lime'];

module.exports = (output, context) => ({
  pass: greenish.includes(output.color) && context.vars.item === 'Lime',
  score: output.countries.length > 0 ? 1 : 0.5,
  reason: `color ${output.color} for ${context.vars.item}`,
});

module.exports.isYellow = (output) => (output.color === 'yellow' ? 1 : 0);
