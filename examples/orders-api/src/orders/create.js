import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';

const dynamo = new DynamoDBClient({});
const sqs = new SQSClient({});

export const handler = async (event) => {
  const order = JSON.parse(event.body ?? '{}');
  const orderId = randomUUID();
  await dynamo.send(new PutItemCommand({
    TableName: process.env.ORDERS_TABLE,
    Item: { orderId: { S: orderId }, customer: { S: String(order.customer) }, total: { N: String(order.total) } },
  }));
  await sqs.send(new SendMessageCommand({ QueueUrl: process.env.PAYMENTS_QUEUE_URL, MessageBody: JSON.stringify({ orderId, total: order.total }) }));
  return { statusCode: 201, body: JSON.stringify({ orderId }) };
};
