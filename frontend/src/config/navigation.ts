import {
  ArchiveIcon,
  BadgeDollarSignIcon,
  BookOpenIcon,
  BotIcon,
  ChartNoAxesCombinedIcon,
  Building2Icon,
  CableIcon,
  ContactRoundIcon,
  CreditCardIcon,
  FileTextIcon,
  InboxIcon,
  KeyRoundIcon,
  MailIcon,
  MegaphoneIcon,
  PhoneCallIcon,
  PlugIcon,
  PhoneIcon,
  ScrollTextIcon,
  SettingsIcon,
  ShieldCheckIcon,
  SparklesIcon,
  UserRoundIcon,
  UsersIcon,
  WebhookIcon,
  WorkflowIcon,
  ZapIcon,
  type LucideIcon,
} from 'lucide-react'
import type { MeResponse, SystemStatus } from '@/api/types'
import { canManageOrganization } from '@/lib/roles'
import { usesDevMailbox } from '@/lib/system-status'

export interface NavContext {
  me: MeResponse | undefined
  status: SystemStatus | undefined
}

export interface NavItem {
  to: string
  label: string
  icon: LucideIcon
  /** Set for areas not built yet: the page shows "Coming soon" with this description. */
  comingSoon?: string
  visible?: (context: NavContext) => boolean
}

export const workspaceNav: readonly NavItem[] = [
  { to: '/inbox', label: 'Inbox', icon: InboxIcon },
  { to: '/channels', label: 'Channels', icon: CableIcon },
  { to: '/contacts', label: 'Contacts', icon: ContactRoundIcon },
  { to: '/quick-replies', label: 'Quick replies', icon: ZapIcon },
  { to: '/agents', label: 'Agents', icon: BotIcon },
  { to: '/knowledge', label: 'Knowledge', icon: BookOpenIcon },
  { to: '/flows', label: 'Flows', icon: WorkflowIcon },
  { to: '/sales', label: 'Sales calls', icon: PhoneCallIcon },
  { to: '/calls', label: 'Calls', icon: PhoneIcon },
  { to: '/campaigns', label: 'Campaigns', icon: MegaphoneIcon },
  { to: '/analytics', label: 'Analytics', icon: ChartNoAxesCombinedIcon },
  { to: '/templates', label: 'Templates', icon: FileTextIcon },
  { to: '/billing', label: 'Billing', icon: CreditCardIcon },
  { to: '/contact-plans', label: 'Contact plans', icon: BadgeDollarSignIcon },
  {
    to: '/settings',
    label: 'Settings',
    icon: SettingsIcon,
    comingSoon: 'Organization-wide settings: channels, branding, data retention and integrations.',
  },
]

export const adminNav: readonly NavItem[] = [
  { to: '/members', label: 'Members', icon: UsersIcon },
  { to: '/api-keys', label: 'API keys', icon: KeyRoundIcon },
  { to: '/ai-assistants', label: 'AI assistants (MCP)', icon: PlugIcon },
  { to: '/ai-providers', label: 'AI providers', icon: SparklesIcon },
  { to: '/moderation', label: 'Moderation', icon: ShieldCheckIcon },
  {
    to: '/privacy',
    label: 'Data retention',
    icon: ArchiveIcon,
    visible: ({ me }) => canManageOrganization(me?.role),
  },
  { to: '/webhooks', label: 'Webhooks', icon: WebhookIcon },
  { to: '/audit', label: 'Audit log', icon: ScrollTextIcon },
  {
    to: '/mailbox',
    label: 'Mailbox',
    icon: MailIcon,
    visible: ({ me, status }) => canManageOrganization(me?.role) && usesDevMailbox(status),
  },
  {
    to: '/admin/organizations',
    label: 'Organizations',
    icon: Building2Icon,
    visible: ({ me }) => me?.user.platformRole === 'super_admin',
  },
  { to: '/account', label: 'Account', icon: UserRoundIcon },
]

export const comingSoonPages = workspaceNav.filter(
  (item): item is NavItem & { comingSoon: string } => item.comingSoon !== undefined,
)
