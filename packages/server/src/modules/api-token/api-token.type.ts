import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../kernel/node';
import { UserError } from '../../shared/payload';
import { ApiTokenScope } from './api-token.entity';

registerEnumType(ApiTokenScope, {
  name: 'ApiTokenScope',
  description: 'What an API token may do; a token never does more than its account may.',
  valuesConfig: {
    COMPANIES_READ: {
      description: 'Companies: company(id), companies, and the tree around any company reached (parent, path, children, settings).',
    },
    TOKENS_READ: { description: "The account's own API tokens (Account.apiTokens); never another account's." },
    WEBHOOKS: {
      description:
        "Webhooks: the account's own (Account.webhooks, createWebhook, setWebhookActive, deleteWebhook, redeliverWebhookDelivery); a staff ADMIN's, everyone's.",
    },
  },
});

@ObjectType({ implements: Node, description: 'A personal API token (the secret is shown once, at creation).', simpleResolvers: true })
export class ApiToken extends Node {
  @Field()
  name: string;

  @Field({ description: 'The first characters of the secret, to tell tokens apart.' })
  tokenPrefix: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;
}

@ObjectType({ simpleResolvers: true })
export class CreateApiTokenPayload {
  @Field(() => String, { nullable: true, description: 'The secret (`cltl_…`): shown this once, store it now.' })
  token: string | null;

  @Field(() => ApiToken, { nullable: true })
  apiToken: ApiToken | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class ApiTokenPayload {
  @Field(() => ApiToken, { nullable: true })
  apiToken: ApiToken | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}
