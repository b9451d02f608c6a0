import { getRouteApi } from '@tanstack/react-router';
import { PartnerDetail } from './PartnerDetail';

const detailRoute = getRouteApi('/_staff/partners/$id/$tab');

/** `/partners/$id/$tab`: one partner's detail, the tab from the URL. */
export function PartnerDetailScreen() {
  const { id } = detailRoute.useParams();
  // Keyed by id: another partner starts with fresh local state (open dialogs, forms).
  return <PartnerDetail key={id} partnerId={id} />;
}
