// Storage for the app's tables and queues, which hold children's special-category data, and for the
// Flex Consumption deployment package. Reached by Entra identity only: shared keys are switched off.
// What this does and does not protect against: docs/infrastructure.md, "Protecting the data".

@description('Storage account name: 3 to 24 lower-case letters and digits, unique across Azure.')
@minLength(3)
@maxLength(24)
param name string

param location string

@description('Principal (object) id of the app identity; it gets data roles on this account only.')
param principalId string

@description('Infrastructure (double) encryption, and account-scoped keys for tables and queues. Azure lets you choose both only when the account is created.')
param doubleEncryption bool

@description('Put a CanNotDelete lock on the account.')
param lockResources bool

@description('Days a deleted blob or container (the deployment package) can be restored.')
@minValue(1)
@maxValue(365)
param blobRetentionDays int = 30

// Built-in roles: Storage Table Data Contributor, Storage Queue Data Contributor, Storage Blob Data Owner.
var roleIds = [
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
]
var tableAndQueueKeyType = doubleEncryption ? 'Account' : 'Service'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // identity only: no account keys or SAS anywhere
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    // Public endpoint, Entra identity required: this template adds no virtual network.
    publicNetworkAccess: 'Enabled'
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: doubleEncryption
      services: {
        blob: { enabled: true, keyType: 'Account' }
        file: { enabled: true, keyType: 'Account' }
        table: { enabled: true, keyType: tableAndQueueKeyType }
        queue: { enabled: true, keyType: tableAndQueueKeyType }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: blobRetentionDays }
    containerDeleteRetentionPolicy: { enabled: true, days: blobRetentionDays }
  }
}

resource deployContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'deployments'
  properties: { publicAccess: 'None' }
}

resource roles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roleIds: {
  name: guid(storage.id, principalId, role)
  scope: storage
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

// Stops the account (and so every table and queue) being deleted through Azure Resource Manager.
// It does not stop rows or messages being deleted through the data APIs.
resource lock 'Microsoft.Authorization/locks@2020-05-01' = if (lockResources) {
  name: 'do-not-delete-special-category-data'
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: 'Holds children\'s special-category data for SEND Early Help. Remove only under the council\'s retention policy.'
  }
}

output id string = storage.id
output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output tableEndpoint string = storage.properties.primaryEndpoints.table
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deployContainer.name}'
