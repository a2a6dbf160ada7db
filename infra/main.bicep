// SEND Early Help: one Function App (Node 20, Linux, Flex Consumption) hosting the Teams bot,
// a storage account for Table/Queue data reached by managed identity, and the Azure Bot
// registration with the Teams channel. Deploy: see README "Deploying to Azure".

@description('Short name used in every resource name, e.g. sendeh-wilts')
@minLength(3)
@maxLength(16)
param name string

param location string = resourceGroup().location

@description('Entra app (client) id of the bot registration; the app uses its user-assigned identity, no secret.')
param botAppId string = ''

@description('Comma-separated Entra tenant ids allowed to use the bot (the council and its schools).')
param allowedTenantIds string

@description('Signs board report download links (at least 32 characters). Keep it in Key Vault in production.')
@secure()
@minLength(32)
param boardReportKey string

var storageName = toLower(replace('${name}st', '-', ''))
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var queueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var blobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${name}-id'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // identity only: no account keys in settings
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource deployContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'deployments'
}

resource roles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [tableDataContributor, queueDataContributor, blobDataOwner]: {
  name: guid(storage.id, identity.id, role)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: { retentionInDays: 90, sku: { name: 'PerGB2018' } }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: '${name}-func'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}deployments'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identity.id }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 40, instanceMemoryMB: 2048 }
      runtime: { name: 'node', version: '20' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'BOT_ID', value: botAppId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        { name: 'BOT_TENANT_ID', value: tenant().tenantId }
        { name: 'ALLOWED_TENANT_IDS', value: allowedTenantIds }
        { name: 'STORAGE_TABLE_URL', value: storage.properties.primaryEndpoints.table }
        { name: 'STORAGE_QUEUE_URL', value: storage.properties.primaryEndpoints.queue }
        { name: 'STORAGE_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
        { name: 'AREAS_DIR', value: 'areas' }
        { name: 'BOARD_REPORT_KEY', value: boardReportKey }
        { name: 'PUBLIC_BASE_URL', value: 'https://${name}-func.azurewebsites.net' }
      ]
    }
  }
  dependsOn: [roles]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = if (!empty(botAppId)) {
  name: '${name}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'SEND Early Help'
    endpoint: 'https://${functionApp.properties.defaultHostName}/api/messages'
    msaAppId: botAppId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: tenant().tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = if (!empty(botAppId)) {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel', properties: { isEnabled: true } }
}

output functionAppName string = functionApp.name
output messagingEndpoint string = 'https://${functionApp.properties.defaultHostName}/api/messages'
output identityClientId string = identity.properties.clientId
