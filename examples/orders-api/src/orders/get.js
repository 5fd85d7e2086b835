import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const dynamo = new DynamoDBClient({});

export const handler = async (event) => {
  const { orderId } = event.pathParameters;
  const result = await dynamo.send(new GetItemCommand({ TableName: process.env.ORDERS_TABLE, Key: { orderId: { S: orderId } } }));
  if (!result.Item) return { statusCode: 404, body: JSON.stringify({ message: 'not found' }) };
  return { statusCode: 200, body: JSON.stringify(result.Item) };
};
