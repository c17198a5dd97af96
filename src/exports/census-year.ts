/** A census year: the collection year's twelve months. */
export interface CensusYear {
  /** 1 April of the year before the collection year. */
  start: string;
  /** The reference date: 31 March of the collection year. */
  end: string;
}
