/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AccountDetailQuery($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        firstName\n        lastName\n        email\n        disabled\n        staffRole\n        twoFactorEnabled\n        sessions {\n          ...AccountSessionFields\n        }\n      }\n    }\n  }\n": typeof types.AccountDetailQueryDocument,
    "\n  query AccountListQuery($first: Int!, $after: String, $filter: AccountFilter!) {\n    accounts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          disabled\n          staffRole\n          notificationLevel\n          memberships {\n            id\n            role\n            company {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.AccountListQueryDocument,
    "\n  mutation AccountListSetDisabledMutation($id: ID!, $disabled: Boolean!) {\n    setAccountDisabled(id: $id, disabled: $disabled) {\n      account {\n        id\n        disabled\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.AccountListSetDisabledMutationDocument,
    "\n  query AccountPickerQuery($filter: AccountFilter!) {\n    accounts(first: 20, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          ...PersonNameFields\n          email\n        }\n      }\n    }\n  }\n": typeof types.AccountPickerQueryDocument,
    "\n  fragment AccountSessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    userAgent\n    clientAddress\n    current\n  }\n": typeof types.AccountSessionFieldsFragmentDoc,
    "\n  mutation AccountSessionsRevokeMutation($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.AccountSessionsRevokeMutationDocument,
    "\n  mutation AccountSessionsSignOutEverywhereMutation($accountId: ID!) {\n    signOutEverywhere(accountId: $accountId) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.AccountSessionsSignOutEverywhereMutationDocument,
    "\n  mutation CreateAccountFormMutation($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      account {\n        id\n        email\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateAccountFormMutationDocument,
    "\n  query AuditLogQuery($first: Int!, $after: String, $companyId: ID, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, companyId: $companyId, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          id\n          action\n          occurredAt\n          targetType\n          targetId\n          clientIp\n          before\n          after\n          actor {\n            id\n            ...PersonNameFields\n          }\n          company {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.AuditLogQueryDocument,
    "\n  mutation SecondFactorStepMutation($challenge: String!, $code: String!) {\n    completeSignIn(challenge: $challenge, code: $code) {\n      token\n      account {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.SecondFactorStepMutationDocument,
    "\n  mutation SignInFormMutation($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      account {\n        id\n      }\n      secondFactor {\n        challenge\n        enrollmentRequired\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.SignInFormMutationDocument,
    "\n  mutation SignOutMutation {\n    signOut\n  }\n": typeof types.SignOutMutationDocument,
    "\n  query ViewerQuery {\n    viewer {\n      id\n      email\n      firstName\n      lastName\n      language\n      staffRole\n      memberships {\n        ...MembershipRoleFields\n        company {\n          ...PeoplePageCompanyFields\n        }\n      }\n    }\n  }\n": typeof types.ViewerQueryDocument,
    "\n  fragment CompanyDetailPlacementFields on Company {\n    parent {\n      id\n      name\n    }\n    path {\n      id\n      name\n    }\n  }\n": typeof types.CompanyDetailPlacementFieldsFragmentDoc,
    "\n  query CompanyDetailQuery($id: ID!) {\n    company(id: $id) {\n      id\n      name\n      ...CompanyDetailPlacementFields\n      settings {\n        ...CompanySettingsFields\n      }\n      viewerCan {\n        manageCompany\n        changeMembersSeeCompanyTickets\n      }\n    }\n  }\n": typeof types.CompanyDetailQueryDocument,
    "\n  mutation CompanyDetailUpdateMutation($input: UpdateCompanyInput!) {\n    updateCompany(input: $input) {\n      company {\n        id\n        name\n        settings {\n          ...CompanySettingsFields\n        }\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CompanyDetailUpdateMutationDocument,
    "\n  mutation CompanyDetailMoveMutation($id: ID!, $parentId: ID) {\n    moveCompany(id: $id, parentId: $parentId) {\n      company {\n        id\n        ...CompanyDetailPlacementFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CompanyDetailMoveMutationDocument,
    "\n  fragment CompanyPickerOptionFields on Company {\n    id\n    name\n    path {\n      id\n      name\n    }\n    viewerCan @include(if: $forNewTicket) {\n      createTicket\n    }\n  }\n": typeof types.CompanyPickerOptionFieldsFragmentDoc,
    "\n  query CompanyPickerQuery($search: String, $outsideSubtreeOf: ID, $forNewTicket: Boolean! = false) {\n    companies(first: 20, filter: { search: $search, outsideSubtreeOf: $outsideSubtreeOf }) {\n      totalCount\n      edges {\n        node {\n          ...CompanyPickerOptionFields\n        }\n      }\n    }\n  }\n": typeof types.CompanyPickerQueryDocument,
    "\n  query CompanyPickerSelectedQuery($id: ID!, $forNewTicket: Boolean! = false) {\n    company(id: $id) {\n      ...CompanyPickerOptionFields\n    }\n  }\n": typeof types.CompanyPickerSelectedQueryDocument,
    "\n  query CompanyTreeQuery($first: Int!, $after: String) {\n    companies(first: $first, after: $after, filter: { topLevel: true }) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          ...CompanyTreeNodeFields\n        }\n      }\n    }\n  }\n": typeof types.CompanyTreeQueryDocument,
    "\n  query CompanyTreePathQuery($id: ID!) {\n    company(id: $id) {\n      id\n      path {\n        id\n      }\n    }\n  }\n": typeof types.CompanyTreePathQueryDocument,
    "\n  fragment CompanyTreeNodeFields on Company {\n    id\n    name\n    children {\n      id\n    }\n  }\n": typeof types.CompanyTreeNodeFieldsFragmentDoc,
    "\n  query CompanyTreeChildrenQuery($id: ID!) {\n    company(id: $id) {\n      id\n      children {\n        ...CompanyTreeNodeFields\n      }\n    }\n  }\n": typeof types.CompanyTreeChildrenQueryDocument,
    "\n  query CompanyTreeSearchQuery($search: String!, $first: Int!, $after: String) {\n    companies(first: $first, after: $after, filter: { search: $search }) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          id\n          name\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.CompanyTreeSearchQueryDocument,
    "\n  mutation CreateCompanyDialogMutation($input: CreateCompanyInput!) {\n    createCompany(input: $input) {\n      company {\n        id\n        name\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateCompanyDialogMutationDocument,
    "\n  fragment CompanySettingsFields on CompanySettings {\n    portalEnabled\n    membersSeeCompanyTickets\n    subsidiaryTicketsVisible\n    shareTicketsWithFamily\n    twoFactorRequired\n  }\n": typeof types.CompanySettingsFieldsFragmentDoc,
    "\n  fragment CommentItemFields on TicketComment {\n    id\n    body\n    visibility\n    createdAt\n    author {\n      ...PersonNameFields\n      staffRole\n    }\n  }\n": typeof types.CommentItemFieldsFragmentDoc,
    "\n  mutation ReplyBoxAddCommentMutation($input: AddTicketCommentInput!) {\n    addTicketComment(input: $input) {\n      comment {\n        ...CommentItemFields\n      }\n      ticket {\n        id\n        status\n        updatedAt\n        lastActivityAt\n        ...TicketStatusChangesFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ReplyBoxAddCommentMutationDocument,
    "\n  fragment StatusChangeItemFields on TicketStatusChange {\n    id\n    fromStatus\n    toStatus\n    createdAt\n    actor {\n      ...PersonNameFields\n    }\n  }\n": typeof types.StatusChangeItemFieldsFragmentDoc,
    "\n  fragment TicketStatusChangesFields on Ticket {\n    id\n    statusChanges {\n      ...StatusChangeItemFields\n    }\n  }\n": typeof types.TicketStatusChangesFieldsFragmentDoc,
    "\n  query TicketConversationQuery($id: ID!, $first: Int!, $after: String) {\n    ticket(id: $id) {\n      id\n      status\n      ...TicketStatusChangesFields\n      comments(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          cursor\n          node {\n            ...CommentItemFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.TicketConversationQueryDocument,
    "\n  query ApiTokenListQuery {\n    viewer {\n      id\n      apiTokens {\n        ...ApiTokenFields\n      }\n    }\n  }\n": typeof types.ApiTokenListQueryDocument,
    "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    tokenPrefix\n    scopes\n    company {\n      id\n      name\n    }\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n": typeof types.ApiTokenFieldsFragmentDoc,
    "\n  mutation ApiTokenListRevokeMutation($id: ID!) {\n    revokeApiToken(id: $id) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ApiTokenListRevokeMutationDocument,
    "\n  mutation CreateApiTokenDialogMutation($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateApiTokenDialogMutationDocument,
    "\n  mutation CreateWebhookDialogMutation($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        ...WebhookFields\n      }\n      secret\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateWebhookDialogMutationDocument,
    "\n  query WebhookDeliveriesQuery($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Webhook {\n        deliveries(first: 20) {\n          id\n          event\n          attemptedAt\n          responseStatus\n          durationMs\n          error\n          succeeded\n        }\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesQueryDocument,
    "\n  mutation WebhookDeliveriesRedeliverMutation($id: ID!) {\n    redeliverWebhookDelivery(id: $id) {\n      webhook {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.WebhookDeliveriesRedeliverMutationDocument,
    "\n  query WebhookListQuery {\n    viewer {\n      id\n      webhooks {\n        ...WebhookFields\n      }\n    }\n  }\n": typeof types.WebhookListQueryDocument,
    "\n  fragment WebhookFields on Webhook {\n    id\n    url\n    events\n    active\n    createdAt\n    company {\n      id\n      name\n    }\n  }\n": typeof types.WebhookFieldsFragmentDoc,
    "\n  mutation WebhookListSetActiveMutation($id: ID!, $active: Boolean!) {\n    setWebhookActive(id: $id, active: $active) {\n      webhook {\n        ...WebhookFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.WebhookListSetActiveMutationDocument,
    "\n  mutation WebhookListDeleteMutation($id: ID!) {\n    deleteWebhook(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.WebhookListDeleteMutationDocument,
    "\n  query AcceptInvitationPreviewQuery($token: String!) {\n    invitationPreview(token: $token) {\n      companyName\n      role\n      inviterName\n      email\n      firstName\n      lastName\n      language\n      status\n      expiresAt\n      existingAccount\n    }\n  }\n": typeof types.AcceptInvitationPreviewQueryDocument,
    "\n  mutation AcceptInvitationMutation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      account {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.AcceptInvitationMutationDocument,
    "\n  query InvitationListQuery($companyId: ID!, $after: String) {\n    company(id: $companyId) {\n      id\n      invitations(first: 50, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            role\n            status\n            expiresAt\n            invitedBy {\n              ...PersonNameFields\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.InvitationListQueryDocument,
    "\n  mutation InvitationListResendMutation($id: ID!) {\n    resendInvitation(id: $id) {\n      invitation {\n        id\n        status\n        expiresAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.InvitationListResendMutationDocument,
    "\n  mutation InvitationListRevokeMutation($id: ID!) {\n    revokeInvitation(id: $id) {\n      invitation {\n        id\n        status\n      }\n      revokeOutcome\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.InvitationListRevokeMutationDocument,
    "\n  mutation InviteDialogMutation($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.InviteDialogMutationDocument,
    "\n  fragment MailDeliveryRowFields on MailDelivery {\n    id\n    kind\n    toAddress\n    subject\n    event\n    ticketId\n    status\n    attempts\n    lastError\n    createdAt\n    nextAttemptAt\n    sentAt\n  }\n": typeof types.MailDeliveryRowFieldsFragmentDoc,
    "\n  query MailDeliveryListQuery($first: Int!, $after: String, $filter: MailDeliveryFilter) {\n    mailDeliveries(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          ...MailDeliveryRowFields\n        }\n      }\n    }\n  }\n": typeof types.MailDeliveryListQueryDocument,
    "\n  mutation MailDeliveryListRetryMutation($id: ID!) {\n    retryMailDelivery(id: $id) {\n      delivery {\n        ...MailDeliveryRowFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.MailDeliveryListRetryMutationDocument,
    "\n  fragment MembershipRoleFields on Membership {\n    id\n    role\n    capabilities\n  }\n": typeof types.MembershipRoleFieldsFragmentDoc,
    "\n  mutation EditMembershipDialogMutation($input: UpdateMembershipInput!) {\n    updateMembership(input: $input) {\n      membership {\n        ...MembershipRoleFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.EditMembershipDialogMutationDocument,
    "\n  query MemberListQuery($companyId: ID!, $after: String) {\n    company(id: $companyId) {\n      id\n      name\n      memberships(first: 100, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          node {\n            ...MembershipRoleFields\n            account {\n              ...PersonNameFields\n              email\n              disabled\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MemberListQueryDocument,
    "\n  mutation MemberListRemoveMutation($id: ID!) {\n    removeMembership(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.MemberListRemoveMutationDocument,
    "\n  query NotificationSettingsQuery {\n    viewer {\n      id\n      staffRole\n      notificationLevel\n    }\n  }\n": typeof types.NotificationSettingsQueryDocument,
    "\n  mutation SetNotificationLevelMutation($input: SetNotificationLevelInput!) {\n    setNotificationLevel(input: $input) {\n      account {\n        id\n        notificationLevel\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.SetNotificationLevelMutationDocument,
    "\n  mutation UpdateViewerMutation($input: UpdateViewerInput!) {\n    updateViewer(input: $input) {\n      account {\n        id\n        firstName\n        lastName\n        language\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.UpdateViewerMutationDocument,
    "\n  mutation ChangePasswordFormMutation($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ChangePasswordFormMutationDocument,
    "\n  mutation ForgotPasswordFormMutation($email: String!) {\n    requestPasswordReset(email: $email) {\n      ok\n    }\n  }\n": typeof types.ForgotPasswordFormMutationDocument,
    "\n  mutation ResetPasswordFormMutation($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      account {\n        id\n      }\n      secondFactor {\n        challenge\n        enrollmentRequired\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.ResetPasswordFormMutationDocument,
    "\n  query SessionListQuery {\n    viewer {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        userAgent\n        clientAddress\n        current\n      }\n    }\n  }\n": typeof types.SessionListQueryDocument,
    "\n  mutation SessionListRevokeMutation($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.SessionListRevokeMutationDocument,
    "\n  mutation SessionListSignOutEverywhereMutation {\n    signOutEverywhere {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.SessionListSignOutEverywhereMutationDocument,
    "\n  mutation TwoFactorEnrollmentBeginMutation($challenge: String) {\n    beginTwoFactorEnrollment(challenge: $challenge) {\n      enrollment {\n        secret\n        otpauthUri\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.TwoFactorEnrollmentBeginMutationDocument,
    "\n  mutation TwoFactorEnrollmentConfirmMutation($code: String!, $challenge: String) {\n    confirmTwoFactorEnrollment(code: $code, challenge: $challenge) {\n      recoveryCodes\n      token\n      account {\n        id\n        twoFactorEnabled\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.TwoFactorEnrollmentConfirmMutationDocument,
    "\n  query TwoFactorSettingsQuery {\n    viewer {\n      id\n      twoFactorEnabled\n    }\n  }\n": typeof types.TwoFactorSettingsQueryDocument,
    "\n  mutation TwoFactorSettingsDisableMutation($password: String!) {\n    disableTwoFactor(password: $password) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.TwoFactorSettingsDisableMutationDocument,
    "\n  query SignInLogQuery($companyId: ID!, $first: Int!, $after: String) {\n    company(id: $companyId) {\n      id\n      signInEvents(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          cursor\n          node {\n            at\n            email\n            clientAddress\n            userAgent\n            succeeded\n            secondFactorUsed\n            account {\n              ...PersonNameFields\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.SignInLogQueryDocument,
    "\n  mutation CreateTicketDialogMutation($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      ticket {\n        id\n        number\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.CreateTicketDialogMutationDocument,
    "\n  fragment TicketDetailEditableFields on Ticket {\n    id\n    title\n    status\n    updatedAt\n    lastActivityAt\n    assignee {\n      ...PersonNameFields\n    }\n  }\n": typeof types.TicketDetailEditableFieldsFragmentDoc,
    "\n  query TicketDetailQuery($id: ID!) {\n    ticket(id: $id) {\n      ...TicketDetailEditableFields\n      number\n      description\n      createdAt\n      viewerAccess\n      viewerCan {\n        rename\n        close\n        changeStatus\n        assign\n      }\n      company {\n        id\n        name\n      }\n      requester {\n        ...PersonNameFields\n        email\n      }\n    }\n  }\n": typeof types.TicketDetailQueryDocument,
    "\n  query TicketDetailSolversQuery($companyId: ID!) {\n    company(id: $companyId) {\n      id\n      memberships(first: 100) {\n        edges {\n          node {\n            id\n            capabilities\n            account {\n              ...PersonNameFields\n              disabled\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.TicketDetailSolversQueryDocument,
    "\n  mutation TicketDetailUpdateMutation($input: UpdateTicketInput!) {\n    updateTicket(input: $input) {\n      ticket {\n        ...TicketDetailEditableFields\n        # the conversation's status lines follow a change made here\n        ...TicketStatusChangesFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": typeof types.TicketDetailUpdateMutationDocument,
    "\n  query TicketListQuery($first: Int!, $after: String, $filter: TicketFilter, $orderBy: TicketOrder) {\n    tickets(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          createdAt\n          viewerAccess\n          company {\n            id\n            name\n          }\n          requester {\n            ...PersonNameFields\n          }\n          assignee {\n            ...PersonNameFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.TicketListQueryDocument,
    "\n  query TicketPickerQuery($search: String, $companyIds: [ID!]) {\n    tickets(first: 20, filter: { search: $search, companyIds: $companyIds }) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.TicketPickerQueryDocument,
    "\n  query VisibleCompaniesQuery {\n    companies(first: 1) {\n      totalCount\n      edges {\n        node {\n          id\n          viewerCan {\n            createTicket\n          }\n        }\n      }\n    }\n  }\n": typeof types.VisibleCompaniesQueryDocument,
    "\n  query AccountVisibilityQuery($accountId: ID!) {\n    accountVisibility(accountId: $accountId) {\n      company {\n        id\n        name\n      }\n      grants {\n        ...GrantListFields\n      }\n    }\n  }\n": typeof types.AccountVisibilityQueryDocument,
    "\n  fragment GrantListFields on AccessGrant {\n    reason\n    via {\n      id\n      name\n    }\n  }\n": typeof types.GrantListFieldsFragmentDoc,
    "\n  query TicketAudienceQuery($ticketId: ID!) {\n    ticketAudience(ticketId: $ticketId) {\n      account {\n        ...PersonNameFields\n        email\n      }\n      grants {\n        ...GrantListFields\n      }\n    }\n  }\n": typeof types.TicketAudienceQueryDocument,
    "\n  fragment PeoplePageCompanyFields on Company {\n    id\n    name\n    viewerCan {\n      invite\n      listInvitations\n      listMembers\n      manageMembers\n      readSignInLog\n    }\n  }\n": typeof types.PeoplePageCompanyFieldsFragmentDoc,
    "\n  query PeoplePageQuery($companyId: ID!) {\n    company(id: $companyId) {\n      ...PeoplePageCompanyFields\n    }\n  }\n": typeof types.PeoplePageQueryDocument,
    "\n  fragment LoadMoreButtonFields on PageInfo {\n    endCursor\n    hasNextPage\n  }\n": typeof types.LoadMoreButtonFieldsFragmentDoc,
    "\n  fragment PersonNameFields on Account {\n    id\n    firstName\n    lastName\n  }\n": typeof types.PersonNameFieldsFragmentDoc,
    "\n  fragment UserErrorFields on UserError {\n    code\n    message\n    field\n  }\n": typeof types.UserErrorFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  query AccountDetailQuery($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        firstName\n        lastName\n        email\n        disabled\n        staffRole\n        twoFactorEnabled\n        sessions {\n          ...AccountSessionFields\n        }\n      }\n    }\n  }\n": types.AccountDetailQueryDocument,
    "\n  query AccountListQuery($first: Int!, $after: String, $filter: AccountFilter!) {\n    accounts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          disabled\n          staffRole\n          notificationLevel\n          memberships {\n            id\n            role\n            company {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.AccountListQueryDocument,
    "\n  mutation AccountListSetDisabledMutation($id: ID!, $disabled: Boolean!) {\n    setAccountDisabled(id: $id, disabled: $disabled) {\n      account {\n        id\n        disabled\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.AccountListSetDisabledMutationDocument,
    "\n  query AccountPickerQuery($filter: AccountFilter!) {\n    accounts(first: 20, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          ...PersonNameFields\n          email\n        }\n      }\n    }\n  }\n": types.AccountPickerQueryDocument,
    "\n  fragment AccountSessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    userAgent\n    clientAddress\n    current\n  }\n": types.AccountSessionFieldsFragmentDoc,
    "\n  mutation AccountSessionsRevokeMutation($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.AccountSessionsRevokeMutationDocument,
    "\n  mutation AccountSessionsSignOutEverywhereMutation($accountId: ID!) {\n    signOutEverywhere(accountId: $accountId) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.AccountSessionsSignOutEverywhereMutationDocument,
    "\n  mutation CreateAccountFormMutation($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      account {\n        id\n        email\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateAccountFormMutationDocument,
    "\n  query AuditLogQuery($first: Int!, $after: String, $companyId: ID, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, companyId: $companyId, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          id\n          action\n          occurredAt\n          targetType\n          targetId\n          clientIp\n          before\n          after\n          actor {\n            id\n            ...PersonNameFields\n          }\n          company {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.AuditLogQueryDocument,
    "\n  mutation SecondFactorStepMutation($challenge: String!, $code: String!) {\n    completeSignIn(challenge: $challenge, code: $code) {\n      token\n      account {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.SecondFactorStepMutationDocument,
    "\n  mutation SignInFormMutation($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      account {\n        id\n      }\n      secondFactor {\n        challenge\n        enrollmentRequired\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.SignInFormMutationDocument,
    "\n  mutation SignOutMutation {\n    signOut\n  }\n": types.SignOutMutationDocument,
    "\n  query ViewerQuery {\n    viewer {\n      id\n      email\n      firstName\n      lastName\n      language\n      staffRole\n      memberships {\n        ...MembershipRoleFields\n        company {\n          ...PeoplePageCompanyFields\n        }\n      }\n    }\n  }\n": types.ViewerQueryDocument,
    "\n  fragment CompanyDetailPlacementFields on Company {\n    parent {\n      id\n      name\n    }\n    path {\n      id\n      name\n    }\n  }\n": types.CompanyDetailPlacementFieldsFragmentDoc,
    "\n  query CompanyDetailQuery($id: ID!) {\n    company(id: $id) {\n      id\n      name\n      ...CompanyDetailPlacementFields\n      settings {\n        ...CompanySettingsFields\n      }\n      viewerCan {\n        manageCompany\n        changeMembersSeeCompanyTickets\n      }\n    }\n  }\n": types.CompanyDetailQueryDocument,
    "\n  mutation CompanyDetailUpdateMutation($input: UpdateCompanyInput!) {\n    updateCompany(input: $input) {\n      company {\n        id\n        name\n        settings {\n          ...CompanySettingsFields\n        }\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CompanyDetailUpdateMutationDocument,
    "\n  mutation CompanyDetailMoveMutation($id: ID!, $parentId: ID) {\n    moveCompany(id: $id, parentId: $parentId) {\n      company {\n        id\n        ...CompanyDetailPlacementFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CompanyDetailMoveMutationDocument,
    "\n  fragment CompanyPickerOptionFields on Company {\n    id\n    name\n    path {\n      id\n      name\n    }\n    viewerCan @include(if: $forNewTicket) {\n      createTicket\n    }\n  }\n": types.CompanyPickerOptionFieldsFragmentDoc,
    "\n  query CompanyPickerQuery($search: String, $outsideSubtreeOf: ID, $forNewTicket: Boolean! = false) {\n    companies(first: 20, filter: { search: $search, outsideSubtreeOf: $outsideSubtreeOf }) {\n      totalCount\n      edges {\n        node {\n          ...CompanyPickerOptionFields\n        }\n      }\n    }\n  }\n": types.CompanyPickerQueryDocument,
    "\n  query CompanyPickerSelectedQuery($id: ID!, $forNewTicket: Boolean! = false) {\n    company(id: $id) {\n      ...CompanyPickerOptionFields\n    }\n  }\n": types.CompanyPickerSelectedQueryDocument,
    "\n  query CompanyTreeQuery($first: Int!, $after: String) {\n    companies(first: $first, after: $after, filter: { topLevel: true }) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          ...CompanyTreeNodeFields\n        }\n      }\n    }\n  }\n": types.CompanyTreeQueryDocument,
    "\n  query CompanyTreePathQuery($id: ID!) {\n    company(id: $id) {\n      id\n      path {\n        id\n      }\n    }\n  }\n": types.CompanyTreePathQueryDocument,
    "\n  fragment CompanyTreeNodeFields on Company {\n    id\n    name\n    children {\n      id\n    }\n  }\n": types.CompanyTreeNodeFieldsFragmentDoc,
    "\n  query CompanyTreeChildrenQuery($id: ID!) {\n    company(id: $id) {\n      id\n      children {\n        ...CompanyTreeNodeFields\n      }\n    }\n  }\n": types.CompanyTreeChildrenQueryDocument,
    "\n  query CompanyTreeSearchQuery($search: String!, $first: Int!, $after: String) {\n    companies(first: $first, after: $after, filter: { search: $search }) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          id\n          name\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.CompanyTreeSearchQueryDocument,
    "\n  mutation CreateCompanyDialogMutation($input: CreateCompanyInput!) {\n    createCompany(input: $input) {\n      company {\n        id\n        name\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateCompanyDialogMutationDocument,
    "\n  fragment CompanySettingsFields on CompanySettings {\n    portalEnabled\n    membersSeeCompanyTickets\n    subsidiaryTicketsVisible\n    shareTicketsWithFamily\n    twoFactorRequired\n  }\n": types.CompanySettingsFieldsFragmentDoc,
    "\n  fragment CommentItemFields on TicketComment {\n    id\n    body\n    visibility\n    createdAt\n    author {\n      ...PersonNameFields\n      staffRole\n    }\n  }\n": types.CommentItemFieldsFragmentDoc,
    "\n  mutation ReplyBoxAddCommentMutation($input: AddTicketCommentInput!) {\n    addTicketComment(input: $input) {\n      comment {\n        ...CommentItemFields\n      }\n      ticket {\n        id\n        status\n        updatedAt\n        lastActivityAt\n        ...TicketStatusChangesFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ReplyBoxAddCommentMutationDocument,
    "\n  fragment StatusChangeItemFields on TicketStatusChange {\n    id\n    fromStatus\n    toStatus\n    createdAt\n    actor {\n      ...PersonNameFields\n    }\n  }\n": types.StatusChangeItemFieldsFragmentDoc,
    "\n  fragment TicketStatusChangesFields on Ticket {\n    id\n    statusChanges {\n      ...StatusChangeItemFields\n    }\n  }\n": types.TicketStatusChangesFieldsFragmentDoc,
    "\n  query TicketConversationQuery($id: ID!, $first: Int!, $after: String) {\n    ticket(id: $id) {\n      id\n      status\n      ...TicketStatusChangesFields\n      comments(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          cursor\n          node {\n            ...CommentItemFields\n          }\n        }\n      }\n    }\n  }\n": types.TicketConversationQueryDocument,
    "\n  query ApiTokenListQuery {\n    viewer {\n      id\n      apiTokens {\n        ...ApiTokenFields\n      }\n    }\n  }\n": types.ApiTokenListQueryDocument,
    "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    tokenPrefix\n    scopes\n    company {\n      id\n      name\n    }\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n": types.ApiTokenFieldsFragmentDoc,
    "\n  mutation ApiTokenListRevokeMutation($id: ID!) {\n    revokeApiToken(id: $id) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ApiTokenListRevokeMutationDocument,
    "\n  mutation CreateApiTokenDialogMutation($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateApiTokenDialogMutationDocument,
    "\n  mutation CreateWebhookDialogMutation($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        ...WebhookFields\n      }\n      secret\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateWebhookDialogMutationDocument,
    "\n  query WebhookDeliveriesQuery($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Webhook {\n        deliveries(first: 20) {\n          id\n          event\n          attemptedAt\n          responseStatus\n          durationMs\n          error\n          succeeded\n        }\n      }\n    }\n  }\n": types.WebhookDeliveriesQueryDocument,
    "\n  mutation WebhookDeliveriesRedeliverMutation($id: ID!) {\n    redeliverWebhookDelivery(id: $id) {\n      webhook {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.WebhookDeliveriesRedeliverMutationDocument,
    "\n  query WebhookListQuery {\n    viewer {\n      id\n      webhooks {\n        ...WebhookFields\n      }\n    }\n  }\n": types.WebhookListQueryDocument,
    "\n  fragment WebhookFields on Webhook {\n    id\n    url\n    events\n    active\n    createdAt\n    company {\n      id\n      name\n    }\n  }\n": types.WebhookFieldsFragmentDoc,
    "\n  mutation WebhookListSetActiveMutation($id: ID!, $active: Boolean!) {\n    setWebhookActive(id: $id, active: $active) {\n      webhook {\n        ...WebhookFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.WebhookListSetActiveMutationDocument,
    "\n  mutation WebhookListDeleteMutation($id: ID!) {\n    deleteWebhook(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.WebhookListDeleteMutationDocument,
    "\n  query AcceptInvitationPreviewQuery($token: String!) {\n    invitationPreview(token: $token) {\n      companyName\n      role\n      inviterName\n      email\n      firstName\n      lastName\n      language\n      status\n      expiresAt\n      existingAccount\n    }\n  }\n": types.AcceptInvitationPreviewQueryDocument,
    "\n  mutation AcceptInvitationMutation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      account {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.AcceptInvitationMutationDocument,
    "\n  query InvitationListQuery($companyId: ID!, $after: String) {\n    company(id: $companyId) {\n      id\n      invitations(first: 50, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            role\n            status\n            expiresAt\n            invitedBy {\n              ...PersonNameFields\n            }\n          }\n        }\n      }\n    }\n  }\n": types.InvitationListQueryDocument,
    "\n  mutation InvitationListResendMutation($id: ID!) {\n    resendInvitation(id: $id) {\n      invitation {\n        id\n        status\n        expiresAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.InvitationListResendMutationDocument,
    "\n  mutation InvitationListRevokeMutation($id: ID!) {\n    revokeInvitation(id: $id) {\n      invitation {\n        id\n        status\n      }\n      revokeOutcome\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.InvitationListRevokeMutationDocument,
    "\n  mutation InviteDialogMutation($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.InviteDialogMutationDocument,
    "\n  fragment MailDeliveryRowFields on MailDelivery {\n    id\n    kind\n    toAddress\n    subject\n    event\n    ticketId\n    status\n    attempts\n    lastError\n    createdAt\n    nextAttemptAt\n    sentAt\n  }\n": types.MailDeliveryRowFieldsFragmentDoc,
    "\n  query MailDeliveryListQuery($first: Int!, $after: String, $filter: MailDeliveryFilter) {\n    mailDeliveries(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          ...MailDeliveryRowFields\n        }\n      }\n    }\n  }\n": types.MailDeliveryListQueryDocument,
    "\n  mutation MailDeliveryListRetryMutation($id: ID!) {\n    retryMailDelivery(id: $id) {\n      delivery {\n        ...MailDeliveryRowFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.MailDeliveryListRetryMutationDocument,
    "\n  fragment MembershipRoleFields on Membership {\n    id\n    role\n    capabilities\n  }\n": types.MembershipRoleFieldsFragmentDoc,
    "\n  mutation EditMembershipDialogMutation($input: UpdateMembershipInput!) {\n    updateMembership(input: $input) {\n      membership {\n        ...MembershipRoleFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.EditMembershipDialogMutationDocument,
    "\n  query MemberListQuery($companyId: ID!, $after: String) {\n    company(id: $companyId) {\n      id\n      name\n      memberships(first: 100, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          node {\n            ...MembershipRoleFields\n            account {\n              ...PersonNameFields\n              email\n              disabled\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MemberListQueryDocument,
    "\n  mutation MemberListRemoveMutation($id: ID!) {\n    removeMembership(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.MemberListRemoveMutationDocument,
    "\n  query NotificationSettingsQuery {\n    viewer {\n      id\n      staffRole\n      notificationLevel\n    }\n  }\n": types.NotificationSettingsQueryDocument,
    "\n  mutation SetNotificationLevelMutation($input: SetNotificationLevelInput!) {\n    setNotificationLevel(input: $input) {\n      account {\n        id\n        notificationLevel\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.SetNotificationLevelMutationDocument,
    "\n  mutation UpdateViewerMutation($input: UpdateViewerInput!) {\n    updateViewer(input: $input) {\n      account {\n        id\n        firstName\n        lastName\n        language\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.UpdateViewerMutationDocument,
    "\n  mutation ChangePasswordFormMutation($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ChangePasswordFormMutationDocument,
    "\n  mutation ForgotPasswordFormMutation($email: String!) {\n    requestPasswordReset(email: $email) {\n      ok\n    }\n  }\n": types.ForgotPasswordFormMutationDocument,
    "\n  mutation ResetPasswordFormMutation($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      account {\n        id\n      }\n      secondFactor {\n        challenge\n        enrollmentRequired\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.ResetPasswordFormMutationDocument,
    "\n  query SessionListQuery {\n    viewer {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        userAgent\n        clientAddress\n        current\n      }\n    }\n  }\n": types.SessionListQueryDocument,
    "\n  mutation SessionListRevokeMutation($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.SessionListRevokeMutationDocument,
    "\n  mutation SessionListSignOutEverywhereMutation {\n    signOutEverywhere {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.SessionListSignOutEverywhereMutationDocument,
    "\n  mutation TwoFactorEnrollmentBeginMutation($challenge: String) {\n    beginTwoFactorEnrollment(challenge: $challenge) {\n      enrollment {\n        secret\n        otpauthUri\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.TwoFactorEnrollmentBeginMutationDocument,
    "\n  mutation TwoFactorEnrollmentConfirmMutation($code: String!, $challenge: String) {\n    confirmTwoFactorEnrollment(code: $code, challenge: $challenge) {\n      recoveryCodes\n      token\n      account {\n        id\n        twoFactorEnabled\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.TwoFactorEnrollmentConfirmMutationDocument,
    "\n  query TwoFactorSettingsQuery {\n    viewer {\n      id\n      twoFactorEnabled\n    }\n  }\n": types.TwoFactorSettingsQueryDocument,
    "\n  mutation TwoFactorSettingsDisableMutation($password: String!) {\n    disableTwoFactor(password: $password) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.TwoFactorSettingsDisableMutationDocument,
    "\n  query SignInLogQuery($companyId: ID!, $first: Int!, $after: String) {\n    company(id: $companyId) {\n      id\n      signInEvents(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          cursor\n          node {\n            at\n            email\n            clientAddress\n            userAgent\n            succeeded\n            secondFactorUsed\n            account {\n              ...PersonNameFields\n            }\n          }\n        }\n      }\n    }\n  }\n": types.SignInLogQueryDocument,
    "\n  mutation CreateTicketDialogMutation($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      ticket {\n        id\n        number\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.CreateTicketDialogMutationDocument,
    "\n  fragment TicketDetailEditableFields on Ticket {\n    id\n    title\n    status\n    updatedAt\n    lastActivityAt\n    assignee {\n      ...PersonNameFields\n    }\n  }\n": types.TicketDetailEditableFieldsFragmentDoc,
    "\n  query TicketDetailQuery($id: ID!) {\n    ticket(id: $id) {\n      ...TicketDetailEditableFields\n      number\n      description\n      createdAt\n      viewerAccess\n      viewerCan {\n        rename\n        close\n        changeStatus\n        assign\n      }\n      company {\n        id\n        name\n      }\n      requester {\n        ...PersonNameFields\n        email\n      }\n    }\n  }\n": types.TicketDetailQueryDocument,
    "\n  query TicketDetailSolversQuery($companyId: ID!) {\n    company(id: $companyId) {\n      id\n      memberships(first: 100) {\n        edges {\n          node {\n            id\n            capabilities\n            account {\n              ...PersonNameFields\n              disabled\n            }\n          }\n        }\n      }\n    }\n  }\n": types.TicketDetailSolversQueryDocument,
    "\n  mutation TicketDetailUpdateMutation($input: UpdateTicketInput!) {\n    updateTicket(input: $input) {\n      ticket {\n        ...TicketDetailEditableFields\n        # the conversation's status lines follow a change made here\n        ...TicketStatusChangesFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n": types.TicketDetailUpdateMutationDocument,
    "\n  query TicketListQuery($first: Int!, $after: String, $filter: TicketFilter, $orderBy: TicketOrder) {\n    tickets(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          createdAt\n          viewerAccess\n          company {\n            id\n            name\n          }\n          requester {\n            ...PersonNameFields\n          }\n          assignee {\n            ...PersonNameFields\n          }\n        }\n      }\n    }\n  }\n": types.TicketListQueryDocument,
    "\n  query TicketPickerQuery($search: String, $companyIds: [ID!]) {\n    tickets(first: 20, filter: { search: $search, companyIds: $companyIds }) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n          createdAt\n        }\n      }\n    }\n  }\n": types.TicketPickerQueryDocument,
    "\n  query VisibleCompaniesQuery {\n    companies(first: 1) {\n      totalCount\n      edges {\n        node {\n          id\n          viewerCan {\n            createTicket\n          }\n        }\n      }\n    }\n  }\n": types.VisibleCompaniesQueryDocument,
    "\n  query AccountVisibilityQuery($accountId: ID!) {\n    accountVisibility(accountId: $accountId) {\n      company {\n        id\n        name\n      }\n      grants {\n        ...GrantListFields\n      }\n    }\n  }\n": types.AccountVisibilityQueryDocument,
    "\n  fragment GrantListFields on AccessGrant {\n    reason\n    via {\n      id\n      name\n    }\n  }\n": types.GrantListFieldsFragmentDoc,
    "\n  query TicketAudienceQuery($ticketId: ID!) {\n    ticketAudience(ticketId: $ticketId) {\n      account {\n        ...PersonNameFields\n        email\n      }\n      grants {\n        ...GrantListFields\n      }\n    }\n  }\n": types.TicketAudienceQueryDocument,
    "\n  fragment PeoplePageCompanyFields on Company {\n    id\n    name\n    viewerCan {\n      invite\n      listInvitations\n      listMembers\n      manageMembers\n      readSignInLog\n    }\n  }\n": types.PeoplePageCompanyFieldsFragmentDoc,
    "\n  query PeoplePageQuery($companyId: ID!) {\n    company(id: $companyId) {\n      ...PeoplePageCompanyFields\n    }\n  }\n": types.PeoplePageQueryDocument,
    "\n  fragment LoadMoreButtonFields on PageInfo {\n    endCursor\n    hasNextPage\n  }\n": types.LoadMoreButtonFieldsFragmentDoc,
    "\n  fragment PersonNameFields on Account {\n    id\n    firstName\n    lastName\n  }\n": types.PersonNameFieldsFragmentDoc,
    "\n  fragment UserErrorFields on UserError {\n    code\n    message\n    field\n  }\n": types.UserErrorFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountDetailQuery($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        firstName\n        lastName\n        email\n        disabled\n        staffRole\n        twoFactorEnabled\n        sessions {\n          ...AccountSessionFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountDetailQuery($id: ID!) {\n    node(id: $id) {\n      ... on Account {\n        id\n        firstName\n        lastName\n        email\n        disabled\n        staffRole\n        twoFactorEnabled\n        sessions {\n          ...AccountSessionFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountListQuery($first: Int!, $after: String, $filter: AccountFilter!) {\n    accounts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          disabled\n          staffRole\n          notificationLevel\n          memberships {\n            id\n            role\n            company {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountListQuery($first: Int!, $after: String, $filter: AccountFilter!) {\n    accounts(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          id\n          firstName\n          lastName\n          email\n          disabled\n          staffRole\n          notificationLevel\n          memberships {\n            id\n            role\n            company {\n              id\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountListSetDisabledMutation($id: ID!, $disabled: Boolean!) {\n    setAccountDisabled(id: $id, disabled: $disabled) {\n      account {\n        id\n        disabled\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountListSetDisabledMutation($id: ID!, $disabled: Boolean!) {\n    setAccountDisabled(id: $id, disabled: $disabled) {\n      account {\n        id\n        disabled\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountPickerQuery($filter: AccountFilter!) {\n    accounts(first: 20, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          ...PersonNameFields\n          email\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountPickerQuery($filter: AccountFilter!) {\n    accounts(first: 20, filter: $filter) {\n      totalCount\n      edges {\n        node {\n          ...PersonNameFields\n          email\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountSessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    userAgent\n    clientAddress\n    current\n  }\n"): (typeof documents)["\n  fragment AccountSessionFields on Session {\n    id\n    createdAt\n    lastSeenAt\n    userAgent\n    clientAddress\n    current\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountSessionsRevokeMutation($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountSessionsRevokeMutation($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccountSessionsSignOutEverywhereMutation($accountId: ID!) {\n    signOutEverywhere(accountId: $accountId) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AccountSessionsSignOutEverywhereMutation($accountId: ID!) {\n    signOutEverywhere(accountId: $accountId) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAccountFormMutation($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      account {\n        id\n        email\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAccountFormMutation($input: CreateAccountInput!) {\n    createAccount(input: $input) {\n      account {\n        id\n        email\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLogQuery($first: Int!, $after: String, $companyId: ID, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, companyId: $companyId, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          id\n          action\n          occurredAt\n          targetType\n          targetId\n          clientIp\n          before\n          after\n          actor {\n            id\n            ...PersonNameFields\n          }\n          company {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLogQuery($first: Int!, $after: String, $companyId: ID, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, companyId: $companyId, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          id\n          action\n          occurredAt\n          targetType\n          targetId\n          clientIp\n          before\n          after\n          actor {\n            id\n            ...PersonNameFields\n          }\n          company {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SecondFactorStepMutation($challenge: String!, $code: String!) {\n    completeSignIn(challenge: $challenge, code: $code) {\n      token\n      account {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SecondFactorStepMutation($challenge: String!, $code: String!) {\n    completeSignIn(challenge: $challenge, code: $code) {\n      token\n      account {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignInFormMutation($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      account {\n        id\n      }\n      secondFactor {\n        challenge\n        enrollmentRequired\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignInFormMutation($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      account {\n        id\n      }\n      secondFactor {\n        challenge\n        enrollmentRequired\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutMutation {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOutMutation {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerQuery {\n    viewer {\n      id\n      email\n      firstName\n      lastName\n      language\n      staffRole\n      memberships {\n        ...MembershipRoleFields\n        company {\n          ...PeoplePageCompanyFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ViewerQuery {\n    viewer {\n      id\n      email\n      firstName\n      lastName\n      language\n      staffRole\n      memberships {\n        ...MembershipRoleFields\n        company {\n          ...PeoplePageCompanyFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CompanyDetailPlacementFields on Company {\n    parent {\n      id\n      name\n    }\n    path {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment CompanyDetailPlacementFields on Company {\n    parent {\n      id\n      name\n    }\n    path {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyDetailQuery($id: ID!) {\n    company(id: $id) {\n      id\n      name\n      ...CompanyDetailPlacementFields\n      settings {\n        ...CompanySettingsFields\n      }\n      viewerCan {\n        manageCompany\n        changeMembersSeeCompanyTickets\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyDetailQuery($id: ID!) {\n    company(id: $id) {\n      id\n      name\n      ...CompanyDetailPlacementFields\n      settings {\n        ...CompanySettingsFields\n      }\n      viewerCan {\n        manageCompany\n        changeMembersSeeCompanyTickets\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompanyDetailUpdateMutation($input: UpdateCompanyInput!) {\n    updateCompany(input: $input) {\n      company {\n        id\n        name\n        settings {\n          ...CompanySettingsFields\n        }\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CompanyDetailUpdateMutation($input: UpdateCompanyInput!) {\n    updateCompany(input: $input) {\n      company {\n        id\n        name\n        settings {\n          ...CompanySettingsFields\n        }\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompanyDetailMoveMutation($id: ID!, $parentId: ID) {\n    moveCompany(id: $id, parentId: $parentId) {\n      company {\n        id\n        ...CompanyDetailPlacementFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CompanyDetailMoveMutation($id: ID!, $parentId: ID) {\n    moveCompany(id: $id, parentId: $parentId) {\n      company {\n        id\n        ...CompanyDetailPlacementFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CompanyPickerOptionFields on Company {\n    id\n    name\n    path {\n      id\n      name\n    }\n    viewerCan @include(if: $forNewTicket) {\n      createTicket\n    }\n  }\n"): (typeof documents)["\n  fragment CompanyPickerOptionFields on Company {\n    id\n    name\n    path {\n      id\n      name\n    }\n    viewerCan @include(if: $forNewTicket) {\n      createTicket\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyPickerQuery($search: String, $outsideSubtreeOf: ID, $forNewTicket: Boolean! = false) {\n    companies(first: 20, filter: { search: $search, outsideSubtreeOf: $outsideSubtreeOf }) {\n      totalCount\n      edges {\n        node {\n          ...CompanyPickerOptionFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyPickerQuery($search: String, $outsideSubtreeOf: ID, $forNewTicket: Boolean! = false) {\n    companies(first: 20, filter: { search: $search, outsideSubtreeOf: $outsideSubtreeOf }) {\n      totalCount\n      edges {\n        node {\n          ...CompanyPickerOptionFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyPickerSelectedQuery($id: ID!, $forNewTicket: Boolean! = false) {\n    company(id: $id) {\n      ...CompanyPickerOptionFields\n    }\n  }\n"): (typeof documents)["\n  query CompanyPickerSelectedQuery($id: ID!, $forNewTicket: Boolean! = false) {\n    company(id: $id) {\n      ...CompanyPickerOptionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyTreeQuery($first: Int!, $after: String) {\n    companies(first: $first, after: $after, filter: { topLevel: true }) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          ...CompanyTreeNodeFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyTreeQuery($first: Int!, $after: String) {\n    companies(first: $first, after: $after, filter: { topLevel: true }) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          ...CompanyTreeNodeFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyTreePathQuery($id: ID!) {\n    company(id: $id) {\n      id\n      path {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyTreePathQuery($id: ID!) {\n    company(id: $id) {\n      id\n      path {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CompanyTreeNodeFields on Company {\n    id\n    name\n    children {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment CompanyTreeNodeFields on Company {\n    id\n    name\n    children {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyTreeChildrenQuery($id: ID!) {\n    company(id: $id) {\n      id\n      children {\n        ...CompanyTreeNodeFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyTreeChildrenQuery($id: ID!) {\n    company(id: $id) {\n      id\n      children {\n        ...CompanyTreeNodeFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompanyTreeSearchQuery($search: String!, $first: Int!, $after: String) {\n    companies(first: $first, after: $after, filter: { search: $search }) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          id\n          name\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompanyTreeSearchQuery($search: String!, $first: Int!, $after: String) {\n    companies(first: $first, after: $after, filter: { search: $search }) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        node {\n          id\n          name\n          parent {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCompanyDialogMutation($input: CreateCompanyInput!) {\n    createCompany(input: $input) {\n      company {\n        id\n        name\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCompanyDialogMutation($input: CreateCompanyInput!) {\n    createCompany(input: $input) {\n      company {\n        id\n        name\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CompanySettingsFields on CompanySettings {\n    portalEnabled\n    membersSeeCompanyTickets\n    subsidiaryTicketsVisible\n    shareTicketsWithFamily\n    twoFactorRequired\n  }\n"): (typeof documents)["\n  fragment CompanySettingsFields on CompanySettings {\n    portalEnabled\n    membersSeeCompanyTickets\n    subsidiaryTicketsVisible\n    shareTicketsWithFamily\n    twoFactorRequired\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentItemFields on TicketComment {\n    id\n    body\n    visibility\n    createdAt\n    author {\n      ...PersonNameFields\n      staffRole\n    }\n  }\n"): (typeof documents)["\n  fragment CommentItemFields on TicketComment {\n    id\n    body\n    visibility\n    createdAt\n    author {\n      ...PersonNameFields\n      staffRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplyBoxAddCommentMutation($input: AddTicketCommentInput!) {\n    addTicketComment(input: $input) {\n      comment {\n        ...CommentItemFields\n      }\n      ticket {\n        id\n        status\n        updatedAt\n        lastActivityAt\n        ...TicketStatusChangesFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ReplyBoxAddCommentMutation($input: AddTicketCommentInput!) {\n    addTicketComment(input: $input) {\n      comment {\n        ...CommentItemFields\n      }\n      ticket {\n        id\n        status\n        updatedAt\n        lastActivityAt\n        ...TicketStatusChangesFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatusChangeItemFields on TicketStatusChange {\n    id\n    fromStatus\n    toStatus\n    createdAt\n    actor {\n      ...PersonNameFields\n    }\n  }\n"): (typeof documents)["\n  fragment StatusChangeItemFields on TicketStatusChange {\n    id\n    fromStatus\n    toStatus\n    createdAt\n    actor {\n      ...PersonNameFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TicketStatusChangesFields on Ticket {\n    id\n    statusChanges {\n      ...StatusChangeItemFields\n    }\n  }\n"): (typeof documents)["\n  fragment TicketStatusChangesFields on Ticket {\n    id\n    statusChanges {\n      ...StatusChangeItemFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketConversationQuery($id: ID!, $first: Int!, $after: String) {\n    ticket(id: $id) {\n      id\n      status\n      ...TicketStatusChangesFields\n      comments(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          cursor\n          node {\n            ...CommentItemFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TicketConversationQuery($id: ID!, $first: Int!, $after: String) {\n    ticket(id: $id) {\n      id\n      status\n      ...TicketStatusChangesFields\n      comments(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          cursor\n          node {\n            ...CommentItemFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiTokenListQuery {\n    viewer {\n      id\n      apiTokens {\n        ...ApiTokenFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiTokenListQuery {\n    viewer {\n      id\n      apiTokens {\n        ...ApiTokenFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    tokenPrefix\n    scopes\n    company {\n      id\n      name\n    }\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n"): (typeof documents)["\n  fragment ApiTokenFields on ApiToken {\n    id\n    name\n    tokenPrefix\n    scopes\n    company {\n      id\n      name\n    }\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiTokenListRevokeMutation($id: ID!) {\n    revokeApiToken(id: $id) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApiTokenListRevokeMutation($id: ID!) {\n    revokeApiToken(id: $id) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiTokenDialogMutation($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiTokenDialogMutation($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      apiToken {\n        ...ApiTokenFields\n      }\n      token\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhookDialogMutation($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        ...WebhookFields\n      }\n      secret\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhookDialogMutation($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      webhook {\n        ...WebhookFields\n      }\n      secret\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookDeliveriesQuery($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Webhook {\n        deliveries(first: 20) {\n          id\n          event\n          attemptedAt\n          responseStatus\n          durationMs\n          error\n          succeeded\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookDeliveriesQuery($id: ID!) {\n    node(id: $id) {\n      id\n      ... on Webhook {\n        deliveries(first: 20) {\n          id\n          event\n          attemptedAt\n          responseStatus\n          durationMs\n          error\n          succeeded\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookDeliveriesRedeliverMutation($id: ID!) {\n    redeliverWebhookDelivery(id: $id) {\n      webhook {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookDeliveriesRedeliverMutation($id: ID!) {\n    redeliverWebhookDelivery(id: $id) {\n      webhook {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query WebhookListQuery {\n    viewer {\n      id\n      webhooks {\n        ...WebhookFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query WebhookListQuery {\n    viewer {\n      id\n      webhooks {\n        ...WebhookFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookFields on Webhook {\n    id\n    url\n    events\n    active\n    createdAt\n    company {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookFields on Webhook {\n    id\n    url\n    events\n    active\n    createdAt\n    company {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookListSetActiveMutation($id: ID!, $active: Boolean!) {\n    setWebhookActive(id: $id, active: $active) {\n      webhook {\n        ...WebhookFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookListSetActiveMutation($id: ID!, $active: Boolean!) {\n    setWebhookActive(id: $id, active: $active) {\n      webhook {\n        ...WebhookFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WebhookListDeleteMutation($id: ID!) {\n    deleteWebhook(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation WebhookListDeleteMutation($id: ID!) {\n    deleteWebhook(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AcceptInvitationPreviewQuery($token: String!) {\n    invitationPreview(token: $token) {\n      companyName\n      role\n      inviterName\n      email\n      firstName\n      lastName\n      language\n      status\n      expiresAt\n      existingAccount\n    }\n  }\n"): (typeof documents)["\n  query AcceptInvitationPreviewQuery($token: String!) {\n    invitationPreview(token: $token) {\n      companyName\n      role\n      inviterName\n      email\n      firstName\n      lastName\n      language\n      status\n      expiresAt\n      existingAccount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitationMutation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      account {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitationMutation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      account {\n        id\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitationListQuery($companyId: ID!, $after: String) {\n    company(id: $companyId) {\n      id\n      invitations(first: 50, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            role\n            status\n            expiresAt\n            invitedBy {\n              ...PersonNameFields\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InvitationListQuery($companyId: ID!, $after: String) {\n    company(id: $companyId) {\n      id\n      invitations(first: 50, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          node {\n            id\n            email\n            firstName\n            lastName\n            role\n            status\n            expiresAt\n            invitedBy {\n              ...PersonNameFields\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitationListResendMutation($id: ID!) {\n    resendInvitation(id: $id) {\n      invitation {\n        id\n        status\n        expiresAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InvitationListResendMutation($id: ID!) {\n    resendInvitation(id: $id) {\n      invitation {\n        id\n        status\n        expiresAt\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitationListRevokeMutation($id: ID!) {\n    revokeInvitation(id: $id) {\n      invitation {\n        id\n        status\n      }\n      revokeOutcome\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InvitationListRevokeMutation($id: ID!) {\n    revokeInvitation(id: $id) {\n      invitation {\n        id\n        status\n      }\n      revokeOutcome\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InviteDialogMutation($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InviteDialogMutation($input: InviteMemberInput!) {\n    inviteMember(input: $input) {\n      invitation {\n        id\n        email\n        status\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MailDeliveryRowFields on MailDelivery {\n    id\n    kind\n    toAddress\n    subject\n    event\n    ticketId\n    status\n    attempts\n    lastError\n    createdAt\n    nextAttemptAt\n    sentAt\n  }\n"): (typeof documents)["\n  fragment MailDeliveryRowFields on MailDelivery {\n    id\n    kind\n    toAddress\n    subject\n    event\n    ticketId\n    status\n    attempts\n    lastError\n    createdAt\n    nextAttemptAt\n    sentAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MailDeliveryListQuery($first: Int!, $after: String, $filter: MailDeliveryFilter) {\n    mailDeliveries(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          ...MailDeliveryRowFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MailDeliveryListQuery($first: Int!, $after: String, $filter: MailDeliveryFilter) {\n    mailDeliveries(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          ...MailDeliveryRowFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MailDeliveryListRetryMutation($id: ID!) {\n    retryMailDelivery(id: $id) {\n      delivery {\n        ...MailDeliveryRowFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MailDeliveryListRetryMutation($id: ID!) {\n    retryMailDelivery(id: $id) {\n      delivery {\n        ...MailDeliveryRowFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MembershipRoleFields on Membership {\n    id\n    role\n    capabilities\n  }\n"): (typeof documents)["\n  fragment MembershipRoleFields on Membership {\n    id\n    role\n    capabilities\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditMembershipDialogMutation($input: UpdateMembershipInput!) {\n    updateMembership(input: $input) {\n      membership {\n        ...MembershipRoleFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation EditMembershipDialogMutation($input: UpdateMembershipInput!) {\n    updateMembership(input: $input) {\n      membership {\n        ...MembershipRoleFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberListQuery($companyId: ID!, $after: String) {\n    company(id: $companyId) {\n      id\n      name\n      memberships(first: 100, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          node {\n            ...MembershipRoleFields\n            account {\n              ...PersonNameFields\n              email\n              disabled\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MemberListQuery($companyId: ID!, $after: String) {\n    company(id: $companyId) {\n      id\n      name\n      memberships(first: 100, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          node {\n            ...MembershipRoleFields\n            account {\n              ...PersonNameFields\n              email\n              disabled\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MemberListRemoveMutation($id: ID!) {\n    removeMembership(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MemberListRemoveMutation($id: ID!) {\n    removeMembership(id: $id) {\n      deletedId\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationSettingsQuery {\n    viewer {\n      id\n      staffRole\n      notificationLevel\n    }\n  }\n"): (typeof documents)["\n  query NotificationSettingsQuery {\n    viewer {\n      id\n      staffRole\n      notificationLevel\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetNotificationLevelMutation($input: SetNotificationLevelInput!) {\n    setNotificationLevel(input: $input) {\n      account {\n        id\n        notificationLevel\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetNotificationLevelMutation($input: SetNotificationLevelInput!) {\n    setNotificationLevel(input: $input) {\n      account {\n        id\n        notificationLevel\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateViewerMutation($input: UpdateViewerInput!) {\n    updateViewer(input: $input) {\n      account {\n        id\n        firstName\n        lastName\n        language\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateViewerMutation($input: UpdateViewerInput!) {\n    updateViewer(input: $input) {\n      account {\n        id\n        firstName\n        lastName\n        language\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePasswordFormMutation($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePasswordFormMutation($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ForgotPasswordFormMutation($email: String!) {\n    requestPasswordReset(email: $email) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation ForgotPasswordFormMutation($email: String!) {\n    requestPasswordReset(email: $email) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPasswordFormMutation($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      account {\n        id\n      }\n      secondFactor {\n        challenge\n        enrollmentRequired\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPasswordFormMutation($token: String!, $password: String!) {\n    resetPassword(token: $token, password: $password) {\n      account {\n        id\n      }\n      secondFactor {\n        challenge\n        enrollmentRequired\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionListQuery {\n    viewer {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        userAgent\n        clientAddress\n        current\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionListQuery {\n    viewer {\n      id\n      sessions {\n        id\n        createdAt\n        lastSeenAt\n        userAgent\n        clientAddress\n        current\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionListRevokeMutation($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionListRevokeMutation($id: ID!) {\n    revokeSession(id: $id) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionListSignOutEverywhereMutation {\n    signOutEverywhere {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionListSignOutEverywhereMutation {\n    signOutEverywhere {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TwoFactorEnrollmentBeginMutation($challenge: String) {\n    beginTwoFactorEnrollment(challenge: $challenge) {\n      enrollment {\n        secret\n        otpauthUri\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TwoFactorEnrollmentBeginMutation($challenge: String) {\n    beginTwoFactorEnrollment(challenge: $challenge) {\n      enrollment {\n        secret\n        otpauthUri\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TwoFactorEnrollmentConfirmMutation($code: String!, $challenge: String) {\n    confirmTwoFactorEnrollment(code: $code, challenge: $challenge) {\n      recoveryCodes\n      token\n      account {\n        id\n        twoFactorEnabled\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TwoFactorEnrollmentConfirmMutation($code: String!, $challenge: String) {\n    confirmTwoFactorEnrollment(code: $code, challenge: $challenge) {\n      recoveryCodes\n      token\n      account {\n        id\n        twoFactorEnabled\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TwoFactorSettingsQuery {\n    viewer {\n      id\n      twoFactorEnabled\n    }\n  }\n"): (typeof documents)["\n  query TwoFactorSettingsQuery {\n    viewer {\n      id\n      twoFactorEnabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TwoFactorSettingsDisableMutation($password: String!) {\n    disableTwoFactor(password: $password) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TwoFactorSettingsDisableMutation($password: String!) {\n    disableTwoFactor(password: $password) {\n      ok\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInLogQuery($companyId: ID!, $first: Int!, $after: String) {\n    company(id: $companyId) {\n      id\n      signInEvents(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          cursor\n          node {\n            at\n            email\n            clientAddress\n            userAgent\n            succeeded\n            secondFactorUsed\n            account {\n              ...PersonNameFields\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SignInLogQuery($companyId: ID!, $first: Int!, $after: String) {\n    company(id: $companyId) {\n      id\n      signInEvents(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          ...LoadMoreButtonFields\n        }\n        edges {\n          cursor\n          node {\n            at\n            email\n            clientAddress\n            userAgent\n            succeeded\n            secondFactorUsed\n            account {\n              ...PersonNameFields\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTicketDialogMutation($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      ticket {\n        id\n        number\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTicketDialogMutation($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      ticket {\n        id\n        number\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TicketDetailEditableFields on Ticket {\n    id\n    title\n    status\n    updatedAt\n    lastActivityAt\n    assignee {\n      ...PersonNameFields\n    }\n  }\n"): (typeof documents)["\n  fragment TicketDetailEditableFields on Ticket {\n    id\n    title\n    status\n    updatedAt\n    lastActivityAt\n    assignee {\n      ...PersonNameFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketDetailQuery($id: ID!) {\n    ticket(id: $id) {\n      ...TicketDetailEditableFields\n      number\n      description\n      createdAt\n      viewerAccess\n      viewerCan {\n        rename\n        close\n        changeStatus\n        assign\n      }\n      company {\n        id\n        name\n      }\n      requester {\n        ...PersonNameFields\n        email\n      }\n    }\n  }\n"): (typeof documents)["\n  query TicketDetailQuery($id: ID!) {\n    ticket(id: $id) {\n      ...TicketDetailEditableFields\n      number\n      description\n      createdAt\n      viewerAccess\n      viewerCan {\n        rename\n        close\n        changeStatus\n        assign\n      }\n      company {\n        id\n        name\n      }\n      requester {\n        ...PersonNameFields\n        email\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketDetailSolversQuery($companyId: ID!) {\n    company(id: $companyId) {\n      id\n      memberships(first: 100) {\n        edges {\n          node {\n            id\n            capabilities\n            account {\n              ...PersonNameFields\n              disabled\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TicketDetailSolversQuery($companyId: ID!) {\n    company(id: $companyId) {\n      id\n      memberships(first: 100) {\n        edges {\n          node {\n            id\n            capabilities\n            account {\n              ...PersonNameFields\n              disabled\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TicketDetailUpdateMutation($input: UpdateTicketInput!) {\n    updateTicket(input: $input) {\n      ticket {\n        ...TicketDetailEditableFields\n        # the conversation's status lines follow a change made here\n        ...TicketStatusChangesFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation TicketDetailUpdateMutation($input: UpdateTicketInput!) {\n    updateTicket(input: $input) {\n      ticket {\n        ...TicketDetailEditableFields\n        # the conversation's status lines follow a change made here\n        ...TicketStatusChangesFields\n      }\n      userErrors {\n        ...UserErrorFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketListQuery($first: Int!, $after: String, $filter: TicketFilter, $orderBy: TicketOrder) {\n    tickets(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          createdAt\n          viewerAccess\n          company {\n            id\n            name\n          }\n          requester {\n            ...PersonNameFields\n          }\n          assignee {\n            ...PersonNameFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TicketListQuery($first: Int!, $after: String, $filter: TicketFilter, $orderBy: TicketOrder) {\n    tickets(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        ...LoadMoreButtonFields\n      }\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          createdAt\n          viewerAccess\n          company {\n            id\n            name\n          }\n          requester {\n            ...PersonNameFields\n          }\n          assignee {\n            ...PersonNameFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketPickerQuery($search: String, $companyIds: [ID!]) {\n    tickets(first: 20, filter: { search: $search, companyIds: $companyIds }) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TicketPickerQuery($search: String, $companyIds: [ID!]) {\n    tickets(first: 20, filter: { search: $search, companyIds: $companyIds }) {\n      totalCount\n      edges {\n        node {\n          id\n          number\n          title\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VisibleCompaniesQuery {\n    companies(first: 1) {\n      totalCount\n      edges {\n        node {\n          id\n          viewerCan {\n            createTicket\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query VisibleCompaniesQuery {\n    companies(first: 1) {\n      totalCount\n      edges {\n        node {\n          id\n          viewerCan {\n            createTicket\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountVisibilityQuery($accountId: ID!) {\n    accountVisibility(accountId: $accountId) {\n      company {\n        id\n        name\n      }\n      grants {\n        ...GrantListFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountVisibilityQuery($accountId: ID!) {\n    accountVisibility(accountId: $accountId) {\n      company {\n        id\n        name\n      }\n      grants {\n        ...GrantListFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment GrantListFields on AccessGrant {\n    reason\n    via {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment GrantListFields on AccessGrant {\n    reason\n    via {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TicketAudienceQuery($ticketId: ID!) {\n    ticketAudience(ticketId: $ticketId) {\n      account {\n        ...PersonNameFields\n        email\n      }\n      grants {\n        ...GrantListFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query TicketAudienceQuery($ticketId: ID!) {\n    ticketAudience(ticketId: $ticketId) {\n      account {\n        ...PersonNameFields\n        email\n      }\n      grants {\n        ...GrantListFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PeoplePageCompanyFields on Company {\n    id\n    name\n    viewerCan {\n      invite\n      listInvitations\n      listMembers\n      manageMembers\n      readSignInLog\n    }\n  }\n"): (typeof documents)["\n  fragment PeoplePageCompanyFields on Company {\n    id\n    name\n    viewerCan {\n      invite\n      listInvitations\n      listMembers\n      manageMembers\n      readSignInLog\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PeoplePageQuery($companyId: ID!) {\n    company(id: $companyId) {\n      ...PeoplePageCompanyFields\n    }\n  }\n"): (typeof documents)["\n  query PeoplePageQuery($companyId: ID!) {\n    company(id: $companyId) {\n      ...PeoplePageCompanyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LoadMoreButtonFields on PageInfo {\n    endCursor\n    hasNextPage\n  }\n"): (typeof documents)["\n  fragment LoadMoreButtonFields on PageInfo {\n    endCursor\n    hasNextPage\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PersonNameFields on Account {\n    id\n    firstName\n    lastName\n  }\n"): (typeof documents)["\n  fragment PersonNameFields on Account {\n    id\n    firstName\n    lastName\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserErrorFields on UserError {\n    code\n    message\n    field\n  }\n"): (typeof documents)["\n  fragment UserErrorFields on UserError {\n    code\n    message\n    field\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;