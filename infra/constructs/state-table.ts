import { RemovalPolicy } from "aws-cdk-lib";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import type * as iam from "aws-cdk-lib/aws-iam";
import { Construct } from "constructs";
import { StateTable as StateTableLayout } from "../../shared/adapters/aws/state-table-layout";

/**
 * Item actions the state store (shared/adapters/aws/dynamodb-*.ts) performs. Granted instead of
 * grantReadWriteData, which adds Scan, DeleteItem, UpdateItem, ConditionCheckItem and stream reads
 * that no function uses.
 */
export const STATE_TABLE_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:PutItem",
  "dynamodb:BatchWriteItem",
] as const;

/**
 * The one DynamoDB table (key and TTL names from the layout the state store uses) for record state, cursors and the activity log (single-table design).
 * On-demand (the load is a burst per scheduled run, idle otherwise), TTL on `expiresAt` (activity
 * entries expire), point-in-time recovery, retained when the stack is deleted.
 *
 * Encryption: the AWS-managed key (`aws/dynamodb`) rather than a customer key. The table holds ids
 * and content hashes only (no personal data, by design), so a customer key's extra control (key
 * policy, cross-account revocation) buys little, while it costs a monthly key fee, KMS request
 * charges on every read/write and one more resource to keep. Unlike the default AWS-owned key, the
 * AWS-managed key is visible in the account and its use is logged in CloudTrail.
 */
export class StateTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new dynamodb.TableV2(this, "Table", {
      partitionKey: { name: StateTableLayout.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: StateTableLayout.sortKey, type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      timeToLiveAttribute: StateTableLayout.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Exactly the state store's item actions on this table. */
  grantStateAccess(grantee: iam.IGrantable): void {
    this.table.grant(grantee, ...STATE_TABLE_ACTIONS);
  }
}
