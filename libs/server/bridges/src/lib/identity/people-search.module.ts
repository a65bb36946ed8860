import { Module } from '@nestjs/common';
import { PeopleSearch } from '@cadenza/server/identity/domain';
import { SqlPeopleSearch } from './sql-people-search.js';

/** identity's people list, answered in SQL over identity's users and scheduling's lessons. */
@Module({
  providers: [{ provide: PeopleSearch, useClass: SqlPeopleSearch }],
  exports: [PeopleSearch],
})
export class PeopleSearchModule {}
