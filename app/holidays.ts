import Holidays from "date-holidays";

/** England's bank holidays from a maintained library, for the years the clock may touch. */
export function englandBankHolidays(fromYear: number, toYear: number): string[] {
  const hd = new Holidays("GB", "ENG");
  const out: string[] = [];
  for (let y = fromYear; y <= toYear; y++)
    for (const h of hd.getHolidays(y)) if (h.type === "public" || h.type === "bank") out.push(h.date.slice(0, 10));
  return out;
}
