import { lazy } from 'react'
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router'
import { ComingSoon } from '@/components/coming-soon'
import { AppShell } from '@/components/layouts/app-shell'
import { CreditBanner } from '@/features/billing/components/credit-banner'
import { AuthLayout } from '@/components/layouts/auth-layout'
import { GuestOnly, RequireAuth } from '@/components/layouts/route-guards'
import { comingSoonPages } from '@/config/navigation'

// Every page is its own chunk; the entry holds only the shells.
const Login = lazy(() => import('./routes/auth/login'))
const Signup = lazy(() => import('./routes/auth/signup'))
const PhoneLogin = lazy(() => import('./routes/auth/phone-login'))
const ForgotPassword = lazy(() => import('./routes/auth/forgot-password'))
const ResetPassword = lazy(() => import('./routes/auth/reset-password'))
const Invite = lazy(() => import('./routes/auth/invite'))
const Members = lazy(() => import('./routes/app/members'))
const ApiKeys = lazy(() => import('./routes/app/api-keys'))
const AiAssistants = lazy(() => import('./routes/app/ai-assistants'))
const Audit = lazy(() => import('./routes/app/audit'))
const Mailbox = lazy(() => import('./routes/app/mailbox'))
const Organizations = lazy(() => import('./routes/app/organizations'))
const Account = lazy(() => import('./routes/app/account'))
const Inbox = lazy(() => import('./routes/app/inbox'))
const Channels = lazy(() => import('./routes/app/channels'))
const Contacts = lazy(() => import('./routes/app/contacts'))
const Agents = lazy(() => import('./routes/app/agents'))
const Knowledge = lazy(() => import('./routes/app/knowledge'))
const KnowledgeBase = lazy(() => import('./routes/app/knowledge-base'))
const AiProviders = lazy(() => import('./routes/app/ai-providers'))
const Moderation = lazy(() => import('./routes/app/moderation'))
const Privacy = lazy(() => import('./routes/app/privacy'))
const QuickReplies = lazy(() => import('./routes/app/quick-replies'))
const Campaigns = lazy(() => import('./routes/app/campaigns'))
const Templates = lazy(() => import('./routes/app/templates'))
const Billing = lazy(() => import('./routes/app/billing'))
const ContactPlans = lazy(() => import('./routes/app/contact-plans'))
const ContactPortal = lazy(() => import('./routes/portal'))
const Webhooks = lazy(() => import('./routes/app/webhooks'))
const Calls = lazy(() => import('./routes/app/calls'))
const Analytics = lazy(() => import('./routes/app/analytics'))
const Sales = lazy(() => import('./routes/app/sales'))
const Flows = lazy(() => import('./routes/app/flows'))
const FlowBuilder = lazy(() => import('./routes/app/flow-builder'))
const NotFound = lazy(() => import('./routes/not-found'))
const OAuthConsent = lazy(() => import('./routes/oauth-consent'))

export const routes: RouteObject[] = [
  {
    element: <AuthLayout />,
    children: [
      {
        element: <GuestOnly />,
        children: [
          { path: '/login', element: <Login /> },
          { path: '/login/phone', element: <PhoneLogin /> },
          { path: '/signup', element: <Signup /> },
        ],
      },
      { path: '/forgot-password', element: <ForgotPassword /> },
      { path: '/reset-password', element: <ResetPassword /> },
      { path: '/invite', element: <Invite /> },
    ],
  },
  {
    element: <RequireAuth />,
    children: [
      // an MCP client's authorization request: a bare card, not the dashboard shell
      { element: <AuthLayout />, children: [{ path: '/oauth/consent', element: <OAuthConsent /> }] },
      {
        element: <AppShell banners={<CreditBanner />} />,
        children: [
          { index: true, element: <Navigate to="/inbox" replace /> },
          ...comingSoonPages.map((item) => ({ path: item.to, element: <ComingSoon item={item} /> })),
          { path: '/inbox/:conversationId?', element: <Inbox /> },
          { path: '/channels', element: <Channels /> },
          { path: '/contacts', element: <Contacts /> },
          { path: '/agents/:agentId?', element: <Agents /> },
          { path: '/quick-replies', element: <QuickReplies /> },
          { path: '/campaigns', element: <Campaigns /> },
          { path: '/templates', element: <Templates /> },
          { path: '/billing', element: <Billing /> },
          { path: '/contact-plans', element: <ContactPlans /> },
          { path: '/calls/:callId?', element: <Calls /> },
          { path: '/analytics', element: <Analytics /> },
          { path: '/sales', element: <Sales /> },
          { path: '/flows', element: <Flows /> },
          { path: '/flows/:flowId', element: <FlowBuilder /> },
          { path: '/knowledge', element: <Knowledge /> },
          { path: '/knowledge/:knowledgeBaseId', element: <KnowledgeBase /> },
          { path: '/members', element: <Members /> },
          { path: '/api-keys', element: <ApiKeys /> },
          { path: '/ai-assistants', element: <AiAssistants /> },
          { path: '/audit', element: <Audit /> },
          { path: '/ai-providers', element: <AiProviders /> },
          { path: '/moderation', element: <Moderation /> },
          { path: '/privacy', element: <Privacy /> },
          { path: '/webhooks', element: <Webhooks /> },
          { path: '/mailbox', element: <Mailbox /> },
          { path: '/admin/organizations', element: <Organizations /> },
          { path: '/account', element: <Account /> },
        ],
      },
    ],
  },
  // contacts' self-service page: public, outside the dashboard and its sign-in
  { path: '/portal/:orgId', element: <ContactPortal /> },
  { path: '*', element: <NotFound /> },
]

export function createRouter() {
  return createBrowserRouter(routes)
}
