import { newId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { deliveryLogContract } from './delivery-log.contract.js';
import { InMemoryDeliveryLog } from './in-memory-notifications.js';

deliveryLogContract('in-memory fake', async () => ({ log: new InMemoryDeliveryLog(), schoolId: newId<SchoolId>(), recipientId: newId<UserId>() }));
