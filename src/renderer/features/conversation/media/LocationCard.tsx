import type { LocationInfo } from '../../../../shared/protocol/message-content';
import { CustomerText } from '../../../components/CustomerText';
import { useI18n } from '../../../i18n';
import { MediaIcon } from './MediaIcon';

/** A map at the customer's point (opens in the agent's browser; nothing is loaded from a map service here). */
export function mapLinkOf(location: LocationInfo): string {
  return `https://www.google.com/maps/search/?api=1&query=${location.latitude},${location.longitude}`;
}

export function LocationCard({ location }: { location: LocationInfo }) {
  const { t } = useI18n();
  const latitude = location.latitude.toFixed(5);
  const longitude = location.longitude.toFixed(5);
  return (
    <div className="location-card">
      <span className="location-card-pin">
        <MediaIcon name="pin" />
      </span>
      <span className="location-card-text">
        {location.title && (
          <span className="location-card-title">
            <CustomerText text={location.title} />
          </span>
        )}
        {location.address && (
          <span className="location-card-address">
            <CustomerText text={location.address} />
          </span>
        )}
        <span className="location-card-coordinates">{t('media.location.coordinates', { latitude, longitude })}</span>
        <a className="location-card-map" href={mapLinkOf(location)} target="_blank" rel="noopener noreferrer">
          {t('media.location.map')}
        </a>
      </span>
    </div>
  );
}
