// The dashboards' SQL as Grafana's ClickHouse data source runs it: its macros expanded for a time range.
import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url).pathname;

/** Expands the grafana-clickhouse-datasource macros the dashboards use for a time range. */
export function expandMacros(sql: string, from: number, to: number, intervalS: number): string {
  return sql
    .replace(/\$__timeFilter\((\w+)\)/g, `$1 >= toDateTime(${Math.floor(from / 1000)}) AND $1 <= toDateTime(${Math.floor(to / 1000)})`)
    .replace(/\$__timeInterval\((\w+)\)/g, `toStartOfInterval(toDateTime($1), INTERVAL ${intervalS} second)`);
}

/** The panels of one dashboard file under grafana/dashboards. */
export function dashboardPanels(file: string): { title: string; targets: { rawSql: string }[] }[] {
  return JSON.parse(readFileSync(`${root}grafana/dashboards/${file}`, 'utf8')).panels;
}
