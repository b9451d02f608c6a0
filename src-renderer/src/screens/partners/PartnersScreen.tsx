import { useNavigationStore } from '../../stores/navigation-store';
import { PartnerList } from './PartnerList';
import { PartnerDetail } from './PartnerDetail';

/** The partner list, or one partner's detail when the navigation store holds its id. */
export function PartnersScreen() {
  const partnerId = useNavigationStore((s) => s.partnerId);
  return partnerId ? <PartnerDetail key={partnerId} partnerId={partnerId} /> : <PartnerList />;
}
