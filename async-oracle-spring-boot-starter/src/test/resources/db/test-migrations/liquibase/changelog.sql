--liquibase formatted sql

--changeset async-oracle:1
create table liquibase_items (id number(10) primary key, name varchar2(40) not null);
insert into liquibase_items values (1, 'one');
insert into liquibase_items values (2, 'two');
insert into liquibase_items values (3, 'three');
