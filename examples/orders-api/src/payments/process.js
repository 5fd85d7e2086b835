import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';

const dynamo = new DynamoDBClient({});

export const handler = async (event) => {
  for (const record of event.Records) {
    const { orderId } = JSON.parse(record.body);
    await dynamo.send(new UpdateItemCommand({
      TableName: process.env.ORDERS_TABLE,
      Key: { orderId: { S: orderId } },
      UpdateExpression: 'SET paid = :paid',
      ExpressionAttributeValues: { ':paid': { BOOL: true } },
    }));
  }
};
