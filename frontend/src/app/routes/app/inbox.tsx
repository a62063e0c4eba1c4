import { PageHeader } from '@/components/page-header'

export default function Route() {
  return <PageHeader title="Inbox" description="Being built." />
}
