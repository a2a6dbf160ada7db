// SEND Early Help on Azure, in one deployment: a user-assigned managed identity that is both the
// bot's identity and the app's; a Key Vault for every secret; a Function App (Node 20, Linux, Flex
// Consumption); storage for tables and queues reached by that identity; Application Insights with
// Entra-only ingestion and two log alerts; the Azure Bot with its Teams channel.
// What each part is for, every parameter and how this file is checked: docs/infrastructure.md.

targetScope = 'resourceGroup'

@description('Short name used in every resource name, for example sendeh-wilts: 3 to 16 lower-case letters, digits and hyphens, starting with a letter.')
@minLength(3)
@maxLength(16)
param name string

@description('Azure region for everything except the Azure Bot (always global). It must offer Flex Consumption.')
param location string = resourceGroup().location

@description('Comma-separated Entra tenant ids allowed to use the bot: the council\'s tenant (the bot\'s managed identity serves its own tenant; school staff join as guests).')
param allowedTenantIds string

@description('Signs board report download links: 32 or more random characters, for example from `openssl rand -base64 48`. Kept in Key Vault only. Empty: a random key is made on every deployment, so links already sent stop working.')
@secure()
param boardReportKey string = ''

@description('Do not set: the random key used when boardReportKey is empty (two GUIDs, made anew on each deployment).')
@secure()
param generatedBoardReportKey string = '${newGuid()}${newGuid()}'

@description('Azure AI Content Safety endpoint, for example https://<name>.cognitiveservices.azure.com. Empty: the second safeguarding opinion is off.')
param contentSafetyEndpoint string = ''

@description('Key for that Content Safety resource, kept in Key Vault only. Needed when contentSafetyEndpoint is set.')
@secure()
param contentSafetyKey string = ''

@description('Instances kept warm for the HTTP functions (Teams calls /api/messages). 1 avoids a cold start missing Teams\' time limit, and is billed while idle; 0 scales to zero.')
@minValue(0)
@maxValue(20)
param alwaysReadyInstances int = 1

@description('Most instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Email address for alerts (outbox dead letters, poison queue). Empty: no one is emailed; alerts still show in the Azure portal.')
param alertEmail string = ''

@description('Key Vault public network access. Leave Enabled: this template has no private network, and Flex Consumption cannot resolve Key Vault references from a network-restricted vault.')
@allowed([
  'Enabled'
  'Disabled'
])
param keyVaultPublicNetworkAccess string = 'Enabled'

@description('CanNotDelete locks on the storage account, the Key Vault and the identity (the bot\'s id).')
param lockResources bool = true

@description('Infrastructure (double) encryption and account-scoped keys for tables and queues. Both can be chosen only when the storage account is created: set false only to redeploy over an account made by an earlier version of this template.')
param storageDoubleEncryption bool = true

var functionAppName = '${name}-func'
var storageName = toLower(replace('${name}st', '-', ''))
var keyVaultName = '${name}-kv'
var tablePrefix = 'Seh' // the app's TABLE_PREFIX (its default)
// Where the Functions host moves outbox messages that failed every attempt: the app names queues
// "<prefix>-<name>" in lower case (storage/queues.ts). tests/infra checks the two stay in step.
var outboxPoisonQueue = 'seh-outbox-poison'
var boardReportSecretName = 'board-report-key'
var contentSafetySecretName = 'content-safety-key'
var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'
var lockNotes = 'SEND Early Help depends on this; removing it breaks the bot. Remove the lock only to retire the service.'

// The bot's identity and the app's: its client id is the bot's app id (BOT_ID), so no secret exists.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: storageName
    location: location
    principalId: identity.properties.principalId
    doubleEncryption: storageDoubleEncryption
    lockResources: lockResources
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    name: name
    location: location
    principalId: identity.properties.principalId
    alertEmail: alertEmail
    poisonQueueName: outboxPoisonQueue
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true // cannot be turned off again
    publicNetworkAccess: keyVaultPublicNetworkAccess
    networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' }
  }
}

resource boardReportKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: boardReportSecretName
  properties: {
    value: empty(boardReportKey) ? generatedBoardReportKey : boardReportKey
    contentType: 'text/plain'
  }
}

resource contentSafetyKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(contentSafetyEndpoint)) {
  parent: vault
  name: contentSafetySecretName
  properties: {
    value: contentSafetyKey
    contentType: 'text/plain'
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

resource vaultLock 'Microsoft.Authorization/locks@2020-05-01' = if (lockResources) {
  name: 'do-not-delete'
  scope: vault
  properties: { level: 'CanNotDelete', notes: lockNotes }
}

// Deleting the identity would change the bot's app id and break the Teams app in every school.
resource identityLock 'Microsoft.Authorization/locks@2020-05-01' = if (lockResources) {
  name: 'do-not-delete'
  scope: identity
  properties: { level: 'CanNotDelete', notes: lockNotes }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: storage.outputs.deploymentContainerUrl
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      scaleAndConcurrency: {
        alwaysReady: alwaysReadyInstances > 0 ? [ { name: 'http', instanceCount: alwaysReadyInstances } ] : []
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: 2048
      }
      runtime: { name: 'node', version: '20' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // No WEBSITE_RUN_FROM_PACKAGE: Flex Consumption runs the package in functionAppConfig.deployment.
      appSettings: concat([
        { name: 'AzureWebJobsStorage__accountName', value: storage.outputs.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.connectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        { name: 'BOT_TENANT_ID', value: tenant().tenantId }
        { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
        { name: 'STORAGE_TABLE_URL', value: storage.outputs.tableEndpoint }
        { name: 'STORAGE_QUEUE_URL', value: storage.outputs.queueEndpoint }
        { name: 'STORAGE_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
        { name: 'TABLE_PREFIX', value: tablePrefix }
        { name: 'AREAS_DIR', value: 'areas' }
        { name: 'PUBLIC_BASE_URL', value: 'https://${functionAppName}.azurewebsites.net' }
        { name: 'BOARD_REPORT_KEY', value: '@Microsoft.KeyVault(SecretUri=${boardReportKeySecret.properties.secretUri})' }
      ], empty(contentSafetyEndpoint) ? [] : [
        { name: 'CONTENT_SAFETY_ENDPOINT', value: contentSafetyEndpoint }
        { name: 'CONTENT_SAFETY_KEY', value: '@Microsoft.KeyVault(SecretUri=${vault.properties.vaultUri}secrets/${contentSafetySecretName})' }
      ])
    }
  }
  dependsOn: [
    secretsUser // Key Vault references resolve at start-up
    contentSafetyKeySecret
  ]
}

// Switch off basic (username and password) publishing: deployments use Entra identities only.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: { allow: false }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${name}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'SEND Early Help'
    endpoint: 'https://${functionApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenant().tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel', properties: { isEnabled: true } }
}

// Names the Microsoft 365 Agents Toolkit writes into env/.env.<environment>.
output BOT_ID string = identity.properties.clientId
output BOT_DOMAIN string = functionApp.properties.defaultHostName
output BOT_AZURE_FUNCTION_APP_RESOURCE_ID string = functionApp.id
output FUNCTION_APP_NAME string = functionApp.name
output KEY_VAULT_NAME string = vault.name
