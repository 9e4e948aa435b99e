// HelloWorld: the sample Node.js function of AWS's API Gateway tutorial "Set up Lambda custom
// integrations" (Lambda non-proxy integration), behaving as the tutorial describes it:
// "Hello, <greeter>!", "Hello, World" for an empty greeter, and an error when there is no greeter.
exports.handler = function (event, context, callback) {
  var res = {
    statusCode: 200,
    headers: {
      'Content-Type': '*/*'
    }
  };
  if (event.greeter == null) {
    callback(new Error('Missing the required greeter parameter.'));
  } else if (event.greeter === '') {
    res.body = 'Hello, World';
    callback(null, res);
  } else {
    res.body = 'Hello, ' + event.greeter + '!';
    callback(null, res);
  }
};
