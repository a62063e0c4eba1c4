/**
 * Names the UI uses for the API's schemas. When the server's real OpenAPI document replaces
 * openapi.json and a schema is named differently, change the alias here, nowhere else.
 */
import type { components } from './schema'

type Schemas = components['schemas']

export type Problem = Schemas['Problem']
export type Session = Schemas['Session']
export type MfaChallenge = Schemas['MfaChallenge']
export type User = Schemas['User']
export type Organization = Schemas['Organization']
export type MeResponse = Schemas['MeResponse']
export type OrganizationMembership = MeResponse['organizations'][number]
export type Role = Session['role']
export type Member = Schemas['Member']
export type Invitation = Schemas['Invitation']
export type InvitationPreview = Schemas['InvitationPreview']
export type ApiKey = Schemas['ApiKey']
export type ApiKeyScope = ApiKey['scopes'][number]
export type CreatedApiKey = Schemas['CreatedApiKey']
export type AuditEvent = Schemas['AuditEvent']
export type DevMail = Schemas['DevMail']
export type OrganizationSummary = Schemas['OrganizationSummary']
export type SystemStatus = Schemas['SystemStatus']
export type TotpSetup = Schemas['TotpSetup']
export type OtpRequested = Schemas['OtpRequested']
export type Channel = Schemas['ChannelView']
export type ChannelType = Schemas['ChannelType']
export type ChannelConfigField = Schemas['ConfigField']
export type QueueHealth = Schemas['QueueHealth']
export type TestMessageSent = Schemas['TestMessageSent']
export type Contact = Schemas['ContactView']
export type ContactInput = Schemas['ContactInput']
export type Conversation = Schemas['ConversationView']
export type ConversationUpdate = Schemas['ConversationUpdate']
export type Message = Schemas['MessageView']
